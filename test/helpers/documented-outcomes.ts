// The spec's named response examples, and the typed outcome a client result must show for each.
import { expect } from "vitest";
import {
  isAccessDenied,
  isAuthenticationFailed,
  isNotFound,
  isRequestTimeout,
  isSessionExpired,
  isTokenRequired,
  isUnexpectedError,
  tokenChallenge,
  type BelvoResult,
  type OperationId,
} from "../../src/index.js";
import { deref, operations } from "./spec-validator.js";

export interface DocumentedExample {
  operationId: OperationId;
  status: string;
  name: string;
  body: any;
}

/** Every named example of every response of both operations. */
export function documentedExamples(): DocumentedExample[] {
  return operations().flatMap(({ operationId, operation }) =>
    Object.entries<any>(operation.responses).flatMap(([status, response]) =>
      Object.entries<any>(deref(response).content["application/json"].examples).map(([name, example]) => ({
        operationId: operationId as OperationId,
        status,
        name,
        body: deref(example).value,
      })),
    ),
  );
}

const GUARD_BY_STATUS: Record<string, (error: unknown) => boolean> = {
  "401": isAuthenticationFailed,
  "403": isAccessDenied,
  "404": isNotFound,
  "408": isRequestTimeout,
  "428": isTokenRequired,
  "500": isUnexpectedError,
};

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
  GUARD_BY_STATUS[status] && expect(GUARD_BY_STATUS[status](result.error)).toBe(true);
  if (status === "400") expect(isSessionExpired(result.error)).toBe(body[0].code === "session_expired");
}
