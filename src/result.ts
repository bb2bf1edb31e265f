// From what openapi-fetch returns to a BelvoResult. This is the one place that decides what a body is, for any
// status: the transport has read it (once, within the size limit); a success body arrives as text and is parsed
// here, an error body arrives as openapi-fetch parsed it (once). Whatever arrives becomes a result (a 2xx body of the
// documented JSON type; an error list, always an array) or a BelvoMalformedResponseError that says what arrived. A 3xx
// is an answer too (the transport never follows one): a result whose `error` is empty, its Location in the headers.
import { operationRules } from "../generated/operation-rules.js";
import type { BelvoError } from "../generated/schema.js";
import { BelvoApiError } from "./errors/belvo-api-error.js";
import { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
import { isPlainObject } from "./input/check-input.js";
import { noRedaction, redactJson, type Redact } from "./redact.js";
import { requestIdFromErrors, requestIdOf } from "./request-id.js";
import { notJsonReason } from "./transport/response-body.js";
import type { AnyResult, BelvoResult, OperationId, SuccessBody } from "./operation-types.js";

/** openapi-fetch's answer to a call made with `parseAs: "text"`. */
export interface RawResult {
  data?: string | undefined;
  error?: unknown;
  response: Response;
}

/** What a call knows besides the answer: its operation, its request, and the secrets it sent (for redaction). */
export interface Sent {
  operation: OperationId;
  request: string;
  redact: Redact;
}

export async function toResult(sent: Sent, raw: RawResult): Promise<AnyResult> {
  const receivedAt = Date.now();
  const { response } = raw;
  const { ok, status } = response;
  const redirect = status >= 300 && status < 400;
  const body = ok ? parseSuccess(raw.data, sent, response) : redirect ? undefined : await settleError(raw, sent);
  if (ok) {
    const expected: string | undefined = (operationRules[sent.operation].responseBodyTypes as Record<string, string>)[
      status
    ];
    if (expected !== undefined && !hasJsonType(body, expected)) {
      throw malformed(sent, response, `expected ${describe(expected)}, got ${describe(valueType(body))}`);
    }
    const requestId = requestIdOf(response);
    return new Result(sent, requestId, response, receivedAt, body) as AnyResult;
  }
  // An error list: an empty body is an empty list, a lone error object a list of one.
  const error = body === undefined ? [] : isPlainObject(body) ? [body] : body;
  if (!Array.isArray(error)) {
    throw malformed(sent, response, `expected a JSON array of errors, got ${describe(valueType(body))}`);
  }
  const requestId = requestIdFromErrors(error) || requestIdOf(response);
  return new Result(sent, requestId, response, receivedAt, error) as AnyResult;
}

/** Each result's redaction, kept off the object so that nothing shows or serializes it. */
const redactions = new WeakMap<object, Redact>();

/**
 * A result's fields, and how logs show it: `JSON.stringify` and `util.inspect` give `ok`, the status, the operation,
 * the request, its id, the arrival time, a redirect's Location and the body, not the Response object (whose body
 * was read already), with the call's secrets redacted wherever the server echoed them.
 */
class Result {
  readonly ok: boolean;
  readonly operation: OperationId;
  readonly request: string;
  declare readonly data?: unknown;
  declare readonly error?: unknown;

  constructor(
    sent: Sent,
    readonly requestId: string | undefined,
    readonly response: Response,
    readonly receivedAt: number,
    body: unknown,
  ) {
    this.ok = response.ok;
    this.operation = sent.operation;
    this.request = sent.request;
    if (this.ok) this.data = body;
    else this.error = body;
    redactions.set(this, sent.redact);
  }

  /** What came from the server is redacted; never throws (a body nested past what JSON.stringify walks is cut). */
  toJSON() {
    const { ok, operation, request, response, receivedAt } = this;
    const redact = redactions.get(this)!;
    const requestId = this.requestId === undefined ? undefined : redact(this.requestId);
    const location = response.headers.get("location");
    const body = redactJson(ok ? this.data : this.error, redact);
    return {
      ok,
      status: response.status,
      operation,
      request,
      requestId,
      receivedAt,
      ...(location !== null && { location: redact(location) }),
      ...(ok ? { data: body } : { error: body }),
    };
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

function parseSuccess(text: string | undefined, sent: Sent, response: Response): unknown {
  if (text === undefined || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not the SyntaxError as a cause: its message quotes the body, which may echo what the call sent.
    throw notJson(sent, response, text);
  }
}

/**
 * openapi-fetch gives an error body parsed when it is JSON, and as its text when it is not. A string is one or the
 * other: our transport's response still holds the text (a response a middleware put in its place was consumed, and
 * its string is taken as text), and JSON.parse never gives back its own input.
 */
async function settleError({ error, response }: RawResult, sent: Sent): Promise<unknown> {
  if (typeof error !== "string") return error;
  const text = response.bodyUsed ? error : await response.text();
  if (error !== text) return error; // a JSON string
  if (text.trim() === "") return undefined;
  throw notJson(sent, response, text);
}

function notJson(sent: Sent, response: Response, text: string): Error {
  return malformed(sent, response, notJsonReason(response, text, sent.redact));
}

function valueType(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : value === undefined ? "none" : typeof value;
}

function hasJsonType(value: unknown, type: string): boolean {
  return type === "any" || (type === "integer" ? Number.isInteger(value) : valueType(value) === type);
}

function describe(type: string): string {
  return type === "none" ? "no body" : `a JSON ${type}`;
}

function malformed({ request, redact }: Sent, response: Response, reason: string): Error {
  return new BelvoMalformedResponseError(response.status, reason, {
    request,
    requestId: requestIdOf(response),
    redact,
  });
}

/**
 * The 2xx body, or throws BelvoApiError with the status, codes, request id and error list (a result made elsewhere,
 * such as a test's, is redacted of nothing).
 */
export function unwrap<Op extends OperationId>(result: BelvoResult<Op>): SuccessBody<Op>;
// Read as AnyResult: narrowing the generic BelvoResult would make the compiler expand it for every operation.
export function unwrap(result: AnyResult): unknown {
  if (result.ok) return result.data;
  const { request, requestId } = result;
  const redact = redactions.get(result) ?? noRedaction;
  const errors = result.error as readonly BelvoError[];
  throw new BelvoApiError(result.response.status, errors, { request, requestId, redact });
}
