// Bodies read within a size limit: the request's, once, so every attempt sends the same bytes; the response's while
// the attempt's timeout still runs (so a timeout or a connection lost mid-body surfaces in the transport, typed),
// then handed up as a new Response over that text.
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import type { Redact } from "../redact.js";
import { requestIdOf } from "../request-id.js";

/** The most a body may hold, sent or received: far above any of Belvo's, far below what would exhaust a server. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The response with its body read within `signal`, refused over MAX_BODY_BYTES (declared, or counted). */
export async function readBody(
  response: Response,
  request: string,
  redact: Redact,
  signal: AbortSignal,
): Promise<Response> {
  const refuse = (reason: string) => {
    const context = { request, requestId: requestIdOf(response), redact };
    return new BelvoMalformedResponseError(response.status, reason, context);
  };
  let text = "";
  if (response.body) {
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_BODY_BYTES) {
      cancelQuietly(response.body);
      throw refuse(`body of ${declared} bytes is over the ${MAX_BODY_BYTES}-byte limit`);
    }
    // Counted as it arrives: a length may be missing, wrong, or of a compressed body.
    text = new TextDecoder().decode(await readLimited(response.body, refuse, signal));
  }
  // A raw call's 2xx body is parsed by openapi-fetch through json(): what is not JSON is our typed error, not a
  // SyntaxError whose message quotes the body (which may echo what the call sent).
  return textResponse(text, response, () => refuse(notJsonReason(response, text, redact)));
}

/** Why a body is not JSON, in words that quote nothing of it but its (redacted) content type and length. */
export function notJsonReason(response: Response, text: string, redact: Redact): string {
  const type = redact(response.headers.get("content-type") ?? "no content-type");
  return `not valid JSON (${type}, ${text.length} characters)`;
}

/** How often a read yields to the event loop: a stream whose chunks come at once would otherwise let no timer run. */
const CHUNKS_PER_TURN = 1024;

/**
 * A stream's bytes, copied into one buffer as they arrive (a million tiny chunks hold no million objects), refused
 * (the stream cancelled) past MAX_BODY_BYTES or at a chunk that is not bytes; rejects with `signal`'s reason when it
 * aborts.
 */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  refuse: (reason: string) => Error,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  // The built-in getReader: a custom fetch's body that only looks like a stream is refused here, and the reader is
  // one whose cancel() surely ends a read that waits.
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = ReadableStream.prototype.getReader.call(stream) as ReadableStreamDefaultReader<Uint8Array>;
  } catch {
    throw refuse("body is not a ReadableStream");
  }
  // An abort cancels the reader, which ends a read that waits (for a stream that never sends another chunk).
  const onAbort = () => cancelQuietly(reader);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    let bytes = new Uint8Array(0);
    let length = 0;
    for (let chunks = 1; ; chunks++) {
      if (chunks % CHUNKS_PER_TURN === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) return length === bytes.byteLength ? bytes : bytes.slice(0, length);
      const size = uint8ArrayLength(value);
      if (size === undefined) throw refuse("body stream gave a chunk that is not bytes");
      if (length + size > MAX_BODY_BYTES) throw refuse(`body is over the ${MAX_BODY_BYTES}-byte limit`);
      if (length + size > bytes.byteLength) {
        const grownSize = Math.min(MAX_BODY_BYTES, Math.max(2 * bytes.byteLength, length + size));
        const grown = new Uint8Array(grownSize);
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      bytes.set(value, length);
      length += size;
    }
  } catch (error) {
    cancelQuietly(reader);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const tagOf = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get!;
const byteLengthOf = Object.getOwnPropertyDescriptor(typedArrayPrototype, "byteLength")!.get!;

/**
 * A chunk's byte length if it is a Uint8Array (of any realm), else undefined: read by the built-in getters, which see
 * the array itself, so that no Proxy or subclass can run its own code or misreport its size.
 */
function uint8ArrayLength(value: unknown): number | undefined {
  return tagOf.call(value) === "Uint8Array" ? (byteLengthOf.call(value) as number) : undefined;
}

/** Cancels a stream or reader, whatever its cancel() does: a custom fetch's body may throw, or return no promise. */
export function cancelQuietly(stream: { cancel(): unknown }): void {
  try {
    Promise.resolve(stream.cancel()).catch(() => {});
  } catch {
    // nothing to cancel, or it cannot be: the body is dropped either way
  }
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
