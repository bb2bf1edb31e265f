// From what openapi-fetch returns to a BelvoResult. This is the one place that decides whether a body is what the
// spec says: the transport has read it (once, within the size limit); openapi-fetch has parsed an error body (once),
// a success body arrives here as text and is parsed here (once).
import { operationRules } from "../generated/operation-rules.js";
import type { BelvoError } from "../generated/schema.js";
import { BelvoApiError } from "./errors/belvo-api-error.js";
import { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
import { isPlainObject } from "./input/check-input.js";
import { requestIdFromErrors, requestIdFromHeaders } from "./request-id.js";
import type { BelvoResult, OperationId, SuccessBody } from "./types.js";

/** openapi-fetch's answer to a call made with `parseAs: "text"`. */
export interface RawResult {
  data?: string | undefined;
  error?: unknown;
  response: Response;
}

export function toResult<Op extends OperationId>(operation: Op, request: string, raw: RawResult): BelvoResult<Op> {
  const receivedAt = Date.now();
  const { response } = raw;
  const { ok, status } = response;
  let body = ok ? parseSuccess(raw.data, request, response) : settleError(raw.error, request, response);
  if (!ok && isPlainObject(body)) body = [body]; // a lone error object where the spec says "array"
  const expected: string | undefined = (operationRules[operation].responseBodyTypes as Record<string, string>)[status];
  if (expected !== undefined && jsonType(body) !== expected) {
    throw malformed(request, response, `expected a JSON ${expected}, got ${jsonType(body)}`);
  }
  const requestId = (!ok && requestIdFromErrors(body as unknown[])) || requestIdFromHeaders(response.headers);
  return (
    ok
      ? { ok, data: body, operation, request, response, requestId, receivedAt }
      : { ok, error: body, operation, request, response, requestId, receivedAt }
  ) as BelvoResult<Op>;
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : value === undefined ? "no body" : typeof value;
}

function malformed(request: string, response: Response, reason: string, cause?: unknown): Error {
  return new BelvoMalformedResponseError(response.status, reason, {
    request,
    requestId: requestIdFromHeaders(response.headers),
    cause,
  });
}

function parseSuccess(text: string | undefined, request: string, response: Response): unknown {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformed(request, response, notJson(text, response), error);
  }
}

/** openapi-fetch gives an error body parsed when it is JSON, as its text when it is not, undefined when empty. */
function settleError(error: unknown, request: string, response: Response): unknown {
  if (error === undefined) return [];
  if (typeof error !== "string") return error;
  if (error.trim() === "") return [];
  if (error.trimStart().startsWith('"')) return error; // a JSON string: the type check names it
  throw malformed(request, response, notJson(error, response));
}

function notJson(text: string, response: Response): string {
  return `not valid JSON (${response.headers.get("content-type") ?? "no content-type"}, ${text.length} characters)`;
}

/** The 2xx body, or throws BelvoApiError with the status, codes, request id and error list. */
export function unwrap<Op extends OperationId>(result: BelvoResult<Op>): SuccessBody<Op> {
  if (result.ok) return result.data;
  const { request, requestId } = result;
  throw new BelvoApiError(result.response.status, result.error as readonly BelvoError[], { request, requestId });
}
