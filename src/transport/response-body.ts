// Bodies read within a size limit: the request's, once, so every attempt sends the same bytes; the response's while
// the attempt's timeout still runs (so a timeout or a connection lost mid-body surfaces in the transport, typed),
// then handed up as a new Response over that text.
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import type { Redact } from "../redact.js";
import { requestIdFromHeaders } from "../request-id.js";

/** The most a response body may hold: far above any answer of Belvo's, far below what would exhaust a server. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The response with its body read, refused over MAX_BODY_BYTES (declared, or counted as it arrives). */
export async function readBody(response: Response, request: string, redact: Redact): Promise<Response> {
  const refuse = (reason: string) => {
    const context = { request, requestId: requestIdFromHeaders(response.headers), redact };
    return new BelvoMalformedResponseError(response.status, reason, context);
  };
  const text = await readText(response, refuse);
  // A raw call's 2xx body is parsed by openapi-fetch through json(): what is not JSON is our typed error, not a
  // SyntaxError whose message quotes the body (which may echo what the call sent).
  return textResponse(text, response, () => refuse(notJsonReason(response, text, redact)));
}

/** Why a body is not JSON, in words that quote nothing of it but its (redacted) content type and length. */
export function notJsonReason(response: Response, text: string, redact: Redact): string {
  const type = redact(response.headers.get("content-type") ?? "no content-type");
  return `not valid JSON (${type}, ${text.length} characters)`;
}

async function readText(response: Response, refuse: (reason: string) => Error): Promise<string> {
  if (!response.body) return "";
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) {
    response.body.cancel().catch(() => {});
    throw refuse(`body of ${declared} bytes is over the ${MAX_BODY_BYTES}-byte limit`);
  }
  // Counted as it arrives: a length may be missing, wrong, or of a compressed body.
  return new TextDecoder().decode(await readLimited(response.body, refuse));
}

/**
 * A stream's bytes, refused (the stream cancelled) past MAX_BODY_BYTES or at a chunk that is not bytes; rejects with
 * `signal`'s reason when it aborts. Counted at each chunk: a stream that makes its chunks at once lets no timer run.
 */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  refuse: (reason: string) => Error,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => (onAbort = () => reject(signal?.reason)));
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    for (let received = 0; ;) {
      signal?.throwIfAborted();
      const { done, value } = await (signal ? Promise.race([reader.read(), aborted]) : reader.read());
      if (done) return concat(chunks, received);
      if (!(value instanceof Uint8Array)) throw refuse("body stream gave a chunk that is not bytes");
      received += value.byteLength;
      if (received > MAX_BODY_BYTES) throw refuse(`body is over the ${MAX_BODY_BYTES}-byte limit`);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A Response over the text already read, with the original's status, headers and URL. Its length is set when it had
 * none: openapi-fetch parses a body without one with its own JSON.parse (a SyntaxError quoting the body), and one with
 * it through json(), which here throws our typed error instead.
 */
function textResponse(text: string, from: Response, notJson: () => Error): Response {
  let headers = from.headers;
  const addLength = headers.get("content-length") === null;
  // A custom fetch's headers may be another class: copied by forEach, which checkAnswer saw it has.
  if (addLength || !(headers instanceof Headers)) {
    headers = new Headers();
    from.headers.forEach((value, name) => headers.append(name, value));
    if (addLength) headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
  }
  const { status, statusText, url } = from;
  const answer = new Response(text === "" ? null : text, { status, statusText, headers });
  // text() answers from the string each time, as openapi-fetch and the result each read it; json() throws our error.
  const json = async () => {
    try {
      return JSON.parse(text);
    } catch {
      throw notJson();
    }
  };
  return Object.defineProperties(answer, {
    url: { value: url },
    text: { value: async () => text },
    json: { value: json },
    // A middleware's clone reads as this one does (its json() our typed error, not a SyntaxError quoting the body).
    clone: { value: () => textResponse(text, from, notJson) },
  });
}
