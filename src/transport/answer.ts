// What counts as an answer from the URL the call built: an HTTP response with a status from 200 to 599, not a
// redirect that something followed; and which fetch failures show the server did answer (so nothing is re-sent).
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import { causeChain } from "../errors/belvo-network-error.js";
import type { Redact } from "../redact.js";
import { requestIdOf } from "../request-id.js";
import { cancelQuietly } from "./response-body.js";

/**
 * Whether fetch failed on bytes the server did send (undici's HTTP parser refused them, or its assertions did: a
 * status line such as "HTTP/1.1 1000" or "000"; or undici took a status it did not ask for, a 100 Continue or a 101,
 * as a "bad response"): the server answered, so the request is not sent again.
 */
export function answeredNotHttp(error: unknown): boolean {
  return causeChain(error).some(
    ({ code, message }) =>
      code?.startsWith("HPE_") ||
      code === "ERR_ASSERTION" ||
      (code === "UND_ERR_SOCKET" && /^bad (response|upgrade)$/.test(message ?? "")),
  );
}

/**
 * Refuses an answer that is not an HTTP answer from the URL the call built: a status outside 200–599 (a browser's
 * opaque redirect is 0), or a response a custom `fetch` got by following a redirect anyway. Never retried.
 */
export function checkAnswer(response: Response, request: string, redact: Redact): void {
  if (!isResponseLike(response)) {
    throw new BelvoMalformedResponseError(0, "the fetch resolved no Response", { request, redact });
  }
  const { status } = response;
  const reason = response.redirected
    ? "the fetch followed a redirect (the client asks it not to)"
    : status < 200 || status > 599
      ? `the status ${status} is outside 200–599`
      : undefined;
  if (reason === undefined) return;
  if (response.body) cancelQuietly(response.body);
  const context = { request, requestId: requestIdOf(response), redact };
  throw new BelvoMalformedResponseError(status, reason, context);
}

/** What the transport reads of a response: a numeric status and headers with `get` and `forEach`, read without throwing. */
function isResponseLike(response: Response): boolean {
  try {
    const { status, headers } = response;
    return typeof status === "number" && typeof headers?.get === "function" && typeof headers.forEach === "function";
  } catch {
    return false;
  }
}
