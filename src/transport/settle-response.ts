import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import { SettledResponse } from "./settled-response.js";

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
 * whose body is empty or valid JSON, already parsed. A single error object where the spec says "array" is
 * wrapped in one.
 */
export async function settleResponse(response: Response, request: string, maxBodyBytes: number): Promise<Response> {
  const malformed = (reason: string, cause?: unknown) =>
    new BelvoMalformedResponseError(request, response.status, reason, {
      requestId: requestIdFromHeaders(response.headers),
      cause,
    });

  const text = await readText(response, maxBodyBytes, malformed);
  // The original headers, unless the body's description changes below (the Response copies them either way).
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const empty = () => new SettledResponse("", undefined, describeBody(init, ""));
  if (text === "" || NULL_BODY_STATUSES.has(response.status)) return empty();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (text.trim() === "") return empty(); // whitespace only: as good as no body
    const type = response.headers.get("content-type") ?? "no content-type";
    return Promise.reject(malformed(`not valid JSON (${type}, ${text.length} characters)`, error));
  }
  if (response.status >= 400 && isPlainObject(body)) {
    body = [body];
    const wrapped = JSON.stringify(body);
    return new SettledResponse(wrapped, { value: body }, describeBody(init, wrapped));
  }
  // The text here is decoded: a content-encoding no longer applies, nor the encoded length.
  return new SettledResponse(
    text,
    { value: body },
    init.headers.has("content-encoding") ? describeBody(init, text) : init,
  );
}

/** Headers for a body we now hold as text: its real length, and no content-encoding. */
function describeBody(init: ResponseInit & { headers: Headers }, text: string): ResponseInit {
  const headers = new Headers(init.headers);
  headers.delete("content-encoding");
  headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
  return { ...init, headers };
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
