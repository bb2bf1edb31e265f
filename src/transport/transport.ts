// The `fetch` that openapi-fetch calls: it sits under the middleware, so middleware sees one logical request
// (without the Authorization header), while each attempt here gets the header, a timeout, and the retry policy.
import { BelvoInputError } from "../errors/belvo-input-error.js";
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import { BelvoNetworkError, unknownHostCode } from "../errors/belvo-network-error.js";
import { BelvoTimeoutError } from "../errors/belvo-timeout-error.js";
import { isInstance, redactor, type Redact } from "../redact.js";
import { requestIdOf } from "../request-id.js";
import { readSentRequest } from "../single-use.js";
import { answeredNotHttp, checkAnswer } from "./answer.js";
import { cancelQuietly, readBody, readLimited } from "./response-body.js";
import type { ResolvedOptions } from "../options.js";
import { retryDelay, wait } from "./retry-policy.js";

/**
 * The fetch option by which an operation method passes its own timeout: openapi-fetch copies it onto the Request it
 * builds, as it does any fetch option it does not know (a Request a middleware made instead has none).
 */
export const CALL_TIMEOUT = "belvoTimeoutMs";
type DescribedRequest = Request & { [CALL_TIMEOUT]?: number };

/** What was sent, by the response it got: `METHOD /path` as sent and the secret values it carried. */
export interface SentAs {
  request: string;
  secrets: string[];
}
const sentAs = new WeakMap<Response, SentAs>();

/**
 * What the request that got `response` was, as the transport sent it (whatever a middleware made of it), or
 * undefined for a response the transport did not make (a middleware answered, or replaced it).
 */
export function sentAsOf(response: Response): SentAs | undefined {
  return sentAs.get(response);
}

export function createTransport(settings: ResolvedOptions): (input: DescribedRequest) => Promise<Response> {
  return async function send(input) {
    // Each field of the Request read once: a look-alike (a middleware's, openapi-fetch's `Request` option) may answer
    // each read differently, and what is checked must be what is sent.
    const { method, headers: given, signal: callerSignal } = input;
    const { href: url, pathname } = urlUnder(input.url, settings.baseUrl);
    const request = `${method} ${pathname}`; // as sent (never the query, never the host's credentials)
    // Without the call's own timeout, the client's (its default is applied once, in resolveOptions).
    const timeoutMs = input[CALL_TIMEOUT] ?? settings.timeoutMs;
    // The first attempt's timeout and the caller's signal start now: reading the body is part of that attempt.
    const first = attemptSignal(timeoutMs, callerSignal);
    // Every attempt sends these same bytes. The Request's signal follows the caller's (with its reason).
    const body = await bodyOf(input, first, request, redactor(settings.credentials));
    const headers = headersOf(given, settings);
    // Decided once, from what is sent, whoever built the request.
    const { carriesSingleUseToken, secrets } = readSentRequest(url, headers, body);
    const redact = redactor([...settings.credentials, ...secrets]);
    // A URL and init, not a Request: fetch would copy a Request into a new one anyway. Each attempt sets its signal.
    // A redirect is never followed (fetch would re-send the body, passwords and token, to wherever it points): a 3xx
    // is an answer.
    const init: RequestInit = { method, headers, body, redirect: "manual" };

    for (let attempt = 1; ; attempt++) {
      const signal = attempt === 1 ? first : attemptSignal(timeoutMs, callerSignal);
      let response: Response | undefined;
      let delayMs: number | undefined;
      try {
        init.signal = signal.signal;
        response = await answerWithin(signal, Promise.resolve(settings.fetch(url, init)));
        checkAnswer(response, request, redact);
        const { status } = response;
        const retryAfter = status === 429 ? response.headers.get("retry-after") : null;
        delayMs = retryDelay(settings.retry, { attempt, carriesSingleUseToken, status, retryAfter });
        if (delayMs === undefined) {
          const answer = await readBody(response, request, redact, signal.signal);
          sentAs.set(answer, { request, secrets });
          return answer;
        }
        // Not awaited: under msw's interceptor the cancel never settles, and nothing waits on it.
        if (response.body) cancelQuietly(response.body);
      } catch (error) {
        const failure = attemptFailure(error, request, signal, response, redact);
        // Retried: a connection that failed before any response. Never: a timeout, a body cut off, an answer that
        // is not HTTP, a host name that does not exist.
        const retryable =
          failure instanceof BelvoNetworkError && failure.phase === "request" && !unknownHostCode(error);
        delayMs = retryable ? retryDelay(settings.retry, { attempt, carriesSingleUseToken }) : undefined;
        if (delayMs === undefined) throw failure;
      } finally {
        signal.clear();
      }
      if (settings.retry !== false) settings.retry.onRetry?.({ request, attempt, delayMs, status: response?.status });
      await wait(delayMs, callerSignal);
    }
  };
}

/**
 * One attempt's signal: aborted when the caller's signal is, or when the attempt's timeout passes; `whenAborted`
 * rejects then too. Cleared when the attempt ends, so no timer or listener outlives it (AbortSignal.timeout cannot be
 * cleared).
 */
function attemptSignal(timeoutMs: number, callerSignal: AbortSignal) {
  const controller = new AbortController();
  let rejectAborted!: (reason: unknown) => void; // set by the executor, which runs at once
  // Rejects when the signal aborts; handled here, as nothing awaits it once fetch has answered.
  const whenAborted = new Promise<never>((_, reject) => (rejectAborted = reject));
  whenAborted.catch(() => {});
  const abort = (reason: unknown) => (controller.abort(reason), rejectAborted(reason));
  const onAbort = () => abort(callerSignal.reason);
  const timer = setTimeout(() => abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  const attempt = {
    signal: controller.signal,
    whenAborted,
    timeoutMs,
    callerSignal,
    clear() {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onAbort);
    },
  };
  if (callerSignal.aborted) onAbort();
  else callerSignal.addEventListener("abort", onAbort, { once: true });
  return attempt;
}

/**
 * fetch's answer within the attempt: a custom fetch may never heed its signal (never settle, answer after the timeout,
 * or answer from its abort listener). Once the attempt is aborted, its answer, then or later, is cancelled.
 */
async function answerWithin(attempt: AttemptSignal, fetching: Promise<Response>): Promise<Response> {
  try {
    const response = await Promise.race([fetching, attempt.whenAborted]);
    attempt.signal.throwIfAborted();
    return response;
  } catch (error) {
    if (attempt.signal.aborted) fetching.then((late) => late.body?.cancel()).catch(() => {});
    throw error;
  }
}

/**
 * The request's body, read once within the first attempt's signal (its timeout and the caller's: a stream may never
 * end) and the size limit: as text when it is UTF-8 (a JSON body; fetch can re-send a string, where following a
 * redirect detaches bytes), else as the bytes, so that a Blob or a form goes out byte for byte. The signal is cleared
 * if this throws.
 */
async function bodyOf({ body, bodyUsed }: Request, signal: AttemptSignal, request: string, redact: Redact) {
  if (body === null) return undefined;
  const refuse = (reason: string) => new BelvoInputError("request", reason);
  try {
    if (bodyUsed) {
      throw refuse("has a body something read before it was sent (a middleware reads a clone: request.clone().text())");
    }
    const bytes = await readLimited(body, refuse, signal.signal);
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return bytes;
    }
  } catch (error) {
    signal.clear();
    if (isInstance(error, BelvoInputError)) throw error;
    if (signal.signal.aborted) throw attemptFailure(error, request, signal, undefined, redact);
    // The caller's own stream failed: its error is not kept, as it may quote the body, whose secrets are not known yet.
    throw refuse("has a body stream that failed while it was read (its error is not kept: it may quote the body)");
  }
}

type AttemptSignal = ReturnType<typeof attemptSignal>;

/** What a failed attempt rejects with: the caller's abort reason, or a typed error naming the request. */
function attemptFailure(
  error: unknown,
  request: string,
  attempt: AttemptSignal,
  response: Response | undefined,
  redact: Redact,
): unknown {
  if (attempt.callerSignal.aborted) return attempt.callerSignal.reason;
  if (isInstance(error, BelvoMalformedResponseError)) return error;
  const context = { request, requestId: response && requestIdOf(response), cause: error, redact };
  // Not aborted by the caller, so by the attempt's timeout.
  if (attempt.signal.aborted) return new BelvoTimeoutError(attempt.timeoutMs, context);
  return new BelvoNetworkError(response || answeredNotHttp(error) ? "response" : "request", context);
}

/**
 * The URL to send to, read once and parsed, refused unless it lies under the client's base URL (checked: https, or
 * http on loopback): not where a raw call's own baseUrl or a middleware's new Request points, with the credentials.
 */
function urlUnder(given: unknown, baseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(given));
  } catch {
    // not a URL: refused below
  }
  if (!url?.href.startsWith(`${baseUrl}/`)) {
    throw new BelvoInputError("request", "goes outside the client's baseUrl, where its credentials do not go");
  }
  return url;
}

/** The Request's headers with ours (which replace any of the same name), as one object fetch reads per attempt. */
function headersOf(given: Headers, { authorization, userAgent }: ResolvedOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  // Not iterated: a consumer's lib may lack DOM.Iterable. Names lowercased: a look-alike's "Authorization" would not
  // be replaced by ours.
  given.forEach((value, name) => (headers[name.toLowerCase()] = value));
  headers.authorization = authorization;
  headers["user-agent"] = userAgent;
  return headers;
}
