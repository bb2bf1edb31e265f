// Each generated guard with the code it stands for: one per documented code, named by the generator's rule.
import { ErrorCode } from "../../generated/error-codes.js";
import { guardName } from "../../scripts/generate/derive-error-guards.js";
import * as client from "../../src/index.js";

type Guard = (error: unknown) => boolean;

/** The guard for a documented code, as the client exports it. */
export const guardFor = (code: ErrorCode): Guard => (client as unknown as Record<string, Guard>)[guardName(code)]!;

export const GUARD_CODES: ReadonlyArray<readonly [Guard, ErrorCode]> = Object.values(ErrorCode).map((code) => [
  guardFor(code),
  code,
]);
