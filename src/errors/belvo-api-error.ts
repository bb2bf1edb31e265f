import type { ErrorObject } from "../types.js";
import { BelvoClientError } from "./belvo-client-error.js";

/** Belvo answered with an error status; thrown by `unwrap()`. */
export class BelvoApiError extends BelvoClientError {
  override readonly name = "BelvoApiError";
  /** Every `code` of the error list, in order (an open set: expect codes you do not know). */
  readonly codes: string[];

  constructor(
    readonly status: number,
    readonly errors: readonly ErrorObject[],
    requestId: string | undefined,
    readonly operation: string,
  ) {
    const codes = errors.map((error) => error?.code).filter((code): code is string => typeof code === "string");
    const described = codes.length ? codes.join(", ") : "no error code";
    super(`${operation} failed with HTTP ${status} (${described})${requestId ? `, request id ${requestId}` : ""}`, {
      requestId,
    });
    this.codes = codes;
  }
}
