// From what openapi-fetch returns to a BelvoResult. This is the one place that decides what a body is, for any
// status: the transport has read it (once, within the size limit); a success body arrives as text and is parsed
// here, an error body arrives as openapi-fetch parsed it (once). Whatever arrives becomes a result (a 2xx body of the
// documented JSON type; an error list, always an array) or a BelvoMalformedResponseError that says what arrived.
import { operationRules } from "../generated/operation-rules.js";
import type { BelvoError } from "../generated/schema.js";
import { BelvoApiError } from "./errors/belvo-api-error.js";
import { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
import { isPlainObject } from "./input/check-input.js";
import { requestIdFromErrors, requestIdFromHeaders } from "./request-id.js";
import type { BelvoResult, OperationId, SuccessBody } from "./operation-types.js";

/** openapi-fetch's answer to a call made with `parseAs: "text"`. */
export interface RawResult {
  data?: string | undefined;
  error?: unknown;
  response: Response;
}

export async function toResult<Op extends OperationId>(
  operation: Op,
  request: string,
  raw: RawResult,
): Promise<BelvoResult<Op>> {
  const receivedAt = Date.now();
  const { response } = raw;
  const { ok, status } = response;
  const body = ok ? parseSuccess(raw.data, request, response) : await settleError(raw, request);
  if (ok) {
    const expected: string | undefined = (operationRules[operation].responseBodyTypes as Record<string, string>)[
      status
    ];
    if (expected !== undefined && !hasJsonType(body, expected)) {
      throw malformed(request, response, `expected ${describe(expected)}, got ${describe(jsonType(body))}`);
    }
    const requestId = requestIdFromHeaders(response.headers);
    return new Result(operation, request, requestId, response, receivedAt, body) as unknown as BelvoResult<Op>;
  }
  // An error list: an empty body is an empty list, a lone error object a list of one.
  const error = body === undefined ? [] : isPlainObject(body) ? [body] : body;
  if (!Array.isArray(error)) {
    throw malformed(request, response, `expected a JSON array of errors, got ${describe(jsonType(body))}`);
  }
  const requestId = requestIdFromErrors(error) || requestIdFromHeaders(response.headers);
  return new Result(operation, request, requestId, response, receivedAt, error) as unknown as BelvoResult<Op>;
}

/**
 * A result's fields, and how logs show it: `JSON.stringify` and `util.inspect` give `ok`, the status, the operation,
 * the request, its id, the arrival time and the body, not the Response object (whose body was read already).
 */
class Result {
  readonly ok: boolean;
  declare readonly data?: unknown;
  declare readonly error?: unknown;

  constructor(
    readonly operation: OperationId,
    readonly request: string,
    readonly requestId: string | undefined,
    readonly response: Response,
    readonly receivedAt: number,
    body: unknown,
  ) {
    this.ok = response.ok;
    if (this.ok) this.data = body;
    else this.error = body;
  }

  toJSON() {
    const { ok, operation, request, requestId, response, receivedAt } = this;
    const body = ok ? { data: this.data } : { error: this.error };
    return { ok, status: response.status, operation, request, requestId, receivedAt, ...body };
  }

  /** What `util.inspect` (and so `console.log`) shows: a symbol, not an import of Node's util, so it runs anywhere. */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: (v: unknown, o: object) => string,
  ) {
    return `BelvoResult ${inspect(this.toJSON(), options)}`;
  }
}

function parseSuccess(text: string | undefined, request: string, response: Response): unknown {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(request, response, text, error);
  }
}

/**
 * openapi-fetch gives an error body parsed when it is JSON, and as its text when it is not. A string is one or the
 * other: our transport's response still holds the text (a response a middleware put in its place was consumed, and
 * its string is taken as text), and JSON.parse never gives back its own input.
 */
async function settleError({ error, response }: RawResult, request: string): Promise<unknown> {
  if (typeof error !== "string") return error;
  const text = response.bodyUsed ? error : await response.text();
  if (error !== text) return error; // a JSON string
  if (text.trim() === "") return undefined;
  throw notJson(request, response, text);
}

function notJson(request: string, response: Response, text: string, cause?: unknown): Error {
  const type = response.headers.get("content-type") ?? "no content-type";
  return malformed(request, response, `not valid JSON (${type}, ${text.length} characters)`, cause);
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : value === undefined ? "none" : typeof value;
}

function hasJsonType(value: unknown, type: string): boolean {
  return type === "any" || (type === "integer" ? Number.isInteger(value) : jsonType(value) === type);
}

function describe(type: string): string {
  return type === "none" ? "no body" : `a JSON ${type}`;
}

function malformed(request: string, response: Response, reason: string, cause?: unknown): Error {
  return new BelvoMalformedResponseError(response.status, reason, {
    request,
    requestId: requestIdFromHeaders(response.headers),
    cause,
  });
}

/** The 2xx body, or throws BelvoApiError with the status, codes, request id and error list. */
export function unwrap<Op extends OperationId>(result: BelvoResult<Op>): SuccessBody<Op> {
  if (result.ok) return result.data as SuccessBody<Op>;
  const { request, requestId } = result;
  throw new BelvoApiError(result.response.status, result.error as readonly BelvoError[], { request, requestId });
}
