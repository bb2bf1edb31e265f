import { BelvoApiError } from "./errors/belvo-api-error.js";
import { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
import { requestIdFromHeaders } from "./transport/settle-response.js";
import { operationRules } from "../generated/operation-rules.js";
import type { BelvoResult, ErrorObject, OperationId, SuccessBody } from "./types.js";

interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Turns openapi-fetch's `{ data, error, response }` into a BelvoResult: checks the body's JSON type against
 * the spec, gives an empty error body as `[]`, and finds the request id.
 */
export function toResult<Op extends OperationId>(operation: Op, raw: RawResult, receivedAt: number): BelvoResult<Op> {
  const { response } = raw;
  const label = `${operationRules[operation].method} ${operationRules[operation].path}`;
  const headerRequestId = requestIdFromHeaders(response.headers);
  const expected = (operationRules[operation].responseBodyTypes as Record<string, string>)[String(response.status)];
  const body = response.ok ? raw.data : (raw.error ?? []);
  const actual = Array.isArray(body) ? "array" : body === null ? "null" : typeof body;
  if ((!response.ok && actual !== "array") || (expected !== undefined && actual !== expected)) {
    throw new BelvoMalformedResponseError(
      label,
      response.status,
      `expected a JSON ${expected ?? "array"}, got ${actual}`,
      {
        requestId: headerRequestId,
      },
    );
  }
  const requestId = (!response.ok && requestIdFromErrors(body as unknown[])) || headerRequestId;
  return (
    response.ok
      ? { ok: true, data: body, operation, response, requestId, receivedAt }
      : { ok: false, error: body, operation, response, requestId, receivedAt }
  ) as BelvoResult<Op>;
}

function requestIdFromErrors(errors: unknown[]): string | undefined {
  for (const error of errors) {
    const id = (error as { request_id?: unknown } | null)?.request_id;
    if (typeof id === "string" && id !== "") return id;
  }
  return undefined;
}

/** The 2xx body, or throws BelvoApiError with the status, codes, request id and error list. */
export function unwrap<Op extends OperationId>(result: BelvoResult<Op>): SuccessBody<Op> {
  if (result.response.ok) return result.data as SuccessBody<Op>;
  const rules = operationRules[result.operation];
  throw new BelvoApiError(
    result.response.status,
    (result.error ?? []) as readonly ErrorObject[],
    result.requestId,
    `${rules.method} ${rules.path}`,
  );
}
