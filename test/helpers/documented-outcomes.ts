// The spec's named response examples, and the typed outcome a client result must show for each.
import { expect } from "vitest";
import { ErrorCode } from "../../generated/error-codes.js";
import { tokenChallenge, type BelvoResult, type OperationId } from "../../src/index.js";
import { guardFor, GUARD_CODES } from "./guard-codes.js";
import { deref, operations } from "./spec-validator.js";

export interface DocumentedExample {
  operationId: OperationId;
  status: string;
  /** The example's name; undefined for a response without a body (a 204). */
  name: string | undefined;
  body: any;
}

/** Every named example of every response of every operation, and each response without a body. */
export function documentedExamples(): DocumentedExample[] {
  return operations().flatMap(({ operationId, operation }) =>
    Object.entries<any>(operation.responses).flatMap(([status, response]): DocumentedExample[] => {
      const media = deref(response).content?.["application/json"];
      if (!media) return [{ operationId: operationId as OperationId, status, name: undefined, body: undefined }];
      return Object.entries<any>(media.examples).map(([name, example]) => ({
        operationId: operationId as OperationId,
        status,
        name,
        body: deref(example).value,
      }));
    }),
  );
}

/** Asserts the result a client gave for a response carrying `example`. */
export function expectDocumentedOutcome(result: BelvoResult<OperationId>, { status, body }: DocumentedExample): void {
  expect(result.response.status).toBe(Number(status));
  expect(result.ok).toBe(Number(status) < 300);
  expect(tokenChallenge(result) !== undefined).toBe(status === "428");
  if (result.ok) {
    expect(result.data).toEqual(body);
    expect(result.error).toBeUndefined();
    return;
  }
  expect(result.error).toEqual(body);
  expect(result.requestId).toBe(body[0].request_id);
  // Exactly the guards of the codes the body carries are true.
  const carried = new Set<string>(body.map((error: { code?: string }) => error.code));
  for (const [guard, code] of GUARD_CODES) expect(guard(result.error), code).toBe(carried.has(code));
  for (const code of carried) if (code in ErrorCode) expect(guardFor(code as ErrorCode)(result.error)).toBe(true);
}
