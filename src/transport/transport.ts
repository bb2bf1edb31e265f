// The `fetch` that openapi-fetch calls: it sits under the middleware, so middleware sees one logical request
// (without the Authorization header), while each attempt here gets the header, a timeout, and the retry policy.
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import { BelvoNetworkError } from "../errors/belvo-network-error.js";
import { BelvoTimeoutError } from "../errors/belvo-timeout-error.js";
import { requestIdFromHeaders } from "../request-id.js";
import { bodyTextResponse } from "./body-text-response.js";
import { retryDelay, wait, type RetryEvent, type RetryPolicy } from "./retry-policy.js";

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  /** The full header value, built once by the client; never stored anywhere readable. */
  authorization: string;
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy | false;
  maxBodyBytes: number;
  /** What carries a single-use MFA token (`x-single-use` in the spec), by name: checked on raw `api` calls. */
  singleUse: SingleUseFields;
}

/** The body fields, query parameters and headers that carry a single-use token, by location. */
export type SingleUseFields = Readonly<Record<"body" | "query" | "header", readonly string[]>>;

/** What the client knows about one of its own calls, so the transport need not work it out from the request. */
export interface SendContext {
  /** Set by the transport: `METHOD /path` of the request as sent, as errors, retry events and results name it. */
  request?: string;
  /** The body carries a single-use MFA token: the request is never re-sent. */
  carriesSingleUseToken: boolean;
  timeoutMs: number;
}

/** Sends one logical request; `context` is absent for raw `belvo.api` calls. */
export type Transport = (input: Request, context?: SendContext) => Promise<Response>;

export function createTransport(settings: TransportSettings): Transport {
  return async function send(input, context) {
    const request = requestOf(input);
    if (context) context.request = request;
    const timeoutMs = context?.timeoutMs ?? settings.timeoutMs;
    // Every attempt sends this same text. The request's signal follows the caller's (with its reason).
    const body = input.body === null ? undefined : await input.text();
    const callerSignal = input.signal;
    const carriesSingleUseToken = context?.carriesSingleUseToken ?? carriesSingleUse(input, body, settings.singleUse);
    // URL and init, not a Request: fetch would copy a Request object into a new one anyway.
    const sent = { method: input.method, headers: headerList(input, settings), body, redirect: input.redirect };

    for (let attempt = 1; ; attempt++) {
      const signal = attemptSignal(timeoutMs, callerSignal);
      let response: Response;
      try {
        response = await settings.fetch(input.url, { ...sent, signal: signal.signal });
      } catch (error) {
        signal.clear();
        const failure = attemptFailure(error, "request", request, signal);
        const delayMs =
          failure instanceof BelvoNetworkError
            ? retryDelay(settings.retry, { attempt, carriesSingleUseToken, status: undefined, retryAfter: null })
            : undefined;
        if (delayMs === undefined) throw failure;
        await pauseBeforeRetry(settings, { request, attempt, delayMs, status: undefined }, callerSignal);
        continue;
      }

      const { status } = response;
      const delayMs = retryDelay(settings.retry, {
        attempt,
        carriesSingleUseToken,
        status,
        retryAfter: status === 429 ? response.headers.get("retry-after") : null,
      });
      if (delayMs !== undefined) {
        signal.clear();
        // Not awaited: under msw's interceptor the cancel never settles, and nothing waits on it.
        response.body?.cancel().catch(() => {});
        await pauseBeforeRetry(settings, { request, attempt, delayMs, status }, callerSignal);
        continue;
      }

      try {
        const tooLarge = (reason: string) =>
          new BelvoMalformedResponseError(status, reason, {
            request,
            requestId: requestIdFromHeaders(response.headers),
          });
        return bodyTextResponse(await readBodyText(response, settings.maxBodyBytes, tooLarge), response);
      } catch (error) {
        throw attemptFailure(error, "response", request, signal, response);
      } finally {
        signal.clear();
      }
    }
  };
}

type AttemptSignal = ReturnType<typeof attemptSignal>;

/**
 * One attempt's signal: aborted when the caller's signal is, or when the attempt's timeout passes. Cleared when the
 * attempt ends, so no timer or listener outlives it (AbortSignal.timeout cannot be cleared).
 */
function attemptSignal(timeoutMs: number, callerSignal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(callerSignal.reason);
  const attempt = { signal: controller.signal, timeoutMs, callerSignal, timedOut: false, clear };
  const timer = setTimeout(() => {
    attempt.timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  if (callerSignal.aborted) onAbort();
  else callerSignal.addEventListener("abort", onAbort, { once: true });
  function clear(): void {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", onAbort);
  }
  return attempt;
}

/** What a failed attempt rejects with: the caller's abort reason, or a typed error naming the request. */
function attemptFailure(
  error: unknown,
  phase: "request" | "response",
  request: string,
  attempt: AttemptSignal,
  response?: Response,
): unknown {
  if (attempt.callerSignal.aborted) return attempt.callerSignal.reason;
  if (error instanceof BelvoMalformedResponseError) return error;
  const context = { request, requestId: response && requestIdFromHeaders(response.headers), cause: error };
  if (attempt.timedOut) return new BelvoTimeoutError(attempt.timeoutMs, context);
  return new BelvoNetworkError(phase, context);
}

/**
 * A whole response body as text, refused over `maxBodyBytes` (declared, or counted as it arrives) with the error
 * `tooLarge` makes. A timeout or a connection lost while reading rejects here, for the caller to type. A cancel is
 * never awaited: under msw's interceptor it never settles. Not an async function: the common case hands back the
 * runtime's own promise.
 */
function readBodyText(response: Response, maxBodyBytes: number, tooLarge: (reason: string) => Error): Promise<string> {
  if (!response.body) return Promise.resolve("");
  const length = response.headers.get("content-length");
  const declared = length === null ? undefined : Number(length);
  if (declared !== undefined && declared > maxBodyBytes) {
    response.body.cancel().catch(() => {});
    return Promise.reject(tooLarge(`body of ${declared} bytes is over the ${maxBodyBytes}-byte limit`));
  }
  // A declared length within the limit, not compressed (its decoded size is unknown): the runtime reads it.
  if (declared !== undefined && Number.isFinite(declared) && !response.headers.has("content-encoding"))
    return response.text();
  return readCounting(response.body.getReader(), maxBodyBytes, tooLarge);
}

async function readCounting(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBodyBytes: number,
  tooLarge: (reason: string) => Error,
): Promise<string> {
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBodyBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(`body is over the ${maxBodyBytes}-byte limit`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** `METHOD /path` of a request, as sent (never the query, never the host's credentials). */
function requestOf(request: Request): string {
  const url = request.url;
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  const queryStart = url.indexOf("?", pathStart);
  return `${request.method} ${url.slice(pathStart, queryStart === -1 ? undefined : queryStart)}`;
}

const OWN_HEADERS = new Set(["authorization", "user-agent"]);

/** The request's headers (ours replacing any of the same name), as a list fetch reads once per attempt. */
function headerList(input: Request, settings: TransportSettings): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ["authorization", settings.authorization],
    ["user-agent", settings.userAgent],
  ];
  input.headers.forEach((value, name) => void (OWN_HEADERS.has(name) || headers.push([name, value])));
  return headers;
}

async function pauseBeforeRetry(
  settings: TransportSettings,
  event: RetryEvent,
  callerSignal: AbortSignal | undefined,
): Promise<void> {
  if (settings.retry !== false) settings.retry.onRetry?.(event);
  await wait(event.delayMs, callerSignal);
}

/** Whether a raw request may carry a single-use token: the client's own calls say so themselves. */
function carriesSingleUse(
  request: Request,
  body: string | undefined,
  { body: fields, query, header }: SingleUseFields,
) {
  if (header.some((name) => request.headers.has(name))) return true;
  if (query.some((name) => new URL(request.url).searchParams.has(name))) return true;
  return body !== undefined && mayCarryField(body, fields);
}

/**
 * Whether a raw body may carry one of `fields`. Without the quoted field name (or a \u escape that could spell it)
 * the key cannot be there, and the body need not be parsed.
 */
function mayCarryField(body: string, fields: readonly string[]): boolean {
  if (!body.includes("\\u") && !fields.some((field) => body.includes(`"${field}"`))) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && fields.some((field) => field in parsed);
  } catch {
    // Not JSON: we cannot tell what it carries, so treat it as carrying a token and never re-send it.
    return true;
  }
}
