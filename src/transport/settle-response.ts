import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function requestIdFromHeaders(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Reads the whole body (so timeouts and dropped connections surface here, typed) and hands on a response
 * whose body is empty or valid JSON. A single error object where the spec says "array" is wrapped in one.
 */
export async function settleResponse(response: Response, request: string, maxBodyBytes: number): Promise<Response> {
  const requestId = requestIdFromHeaders(response.headers);
  const malformed = (reason: string, cause?: unknown) =>
    new BelvoMalformedResponseError(request, response.status, reason, { requestId, cause });

  const text = await readText(response, maxBodyBytes, malformed);
  const headers = new Headers(response.headers);
  // The body below is already decoded and may be re-serialized: the original length and encoding no longer apply.
  headers.delete("content-encoding");
  headers.delete("content-length");
  const init = { status: response.status, statusText: response.statusText, headers };

  if (text.trim() === "" || NULL_BODY_STATUSES.has(response.status)) {
    headers.set("content-length", "0");
    return new Response(null, init);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const type = response.headers.get("content-type") ?? "no content-type";
    return Promise.reject(malformed(`not valid JSON (${type}, ${text.length} characters)`, error));
  }
  const wrapped = response.status >= 400 && isPlainObject(body) ? JSON.stringify([body]) : text;
  return new Response(wrapped, init);
}

async function readText(
  response: Response,
  maxBodyBytes: number,
  malformed: (reason: string) => Error,
): Promise<string> {
  if (!response.body) return "";
  const length = response.headers.get("content-length");
  const declared = length === null ? undefined : Number(length);
  if (declared !== undefined && declared > maxBodyBytes) {
    await response.body.cancel();
    throw malformed(`body of ${declared} bytes is over the ${maxBodyBytes}-byte limit`);
  }
  // A declared length within the limit, not compressed (decoded size unknown): the runtime's reader is the fast path.
  if (declared !== undefined && Number.isFinite(declared) && !response.headers.has("content-encoding"))
    return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBodyBytes) {
      await reader.cancel();
      throw malformed(`body is over the ${maxBodyBytes}-byte limit`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
