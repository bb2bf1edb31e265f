// What counts as an answer from the URL the call built: an HTTP response with a status from 200 to 599, not a
// redirect that something followed; and which fetch failures show the server did answer (so nothing is re-sent).
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import { causeCodes } from "../errors/belvo-network-error.js";
import type { Redact } from "../redact.js";
import { requestIdFromHeaders } from "../request-id.js";

/**
 * Whether fetch failed on bytes the server did send (undici's HTTP parser refused them, or its assertions did: a
 * status line such as "HTTP/1.1 1000" or "000"): the server answered, so the request is not sent again.
 */
export function answeredNotHttp(error: unknown): boolean {
  return causeCodes(error).some((code) => code.startsWith("HPE_") || code === "ERR_ASSERTION");
}

/**
 * Refuses an answer that is not an HTTP answer from the URL the call built: a status outside 200–599 (a browser's
 * opaque redirect is 0), or a response a custom `fetch` got by following a redirect anyway. Never retried.
 */
export function checkAnswer(response: Response, request: string, redact: Redact): void {
  const headers = response?.headers;
  if (
    typeof response?.status !== "number" ||
    typeof headers?.get !== "function" ||
    typeof headers.forEach !== "function"
  ) {
    throw new BelvoMalformedResponseError(0, "the fetch resolved no Response", { request, redact });
  }
  const { status } = response;
  const reason = response.redirected
    ? "the fetch followed a redirect (the client asks it not to)"
    : response.type === "opaqueredirect"
      ? "a redirect, not followed"
      : status < 200 || status > 599
        ? `the status ${status} is outside 200–599`
        : undefined;
  if (reason === undefined) return;
  response.body?.cancel().catch(() => {});
  const context = { request, requestId: requestIdFromHeaders(response.headers), redact };
  throw new BelvoMalformedResponseError(status, reason, context);
}
