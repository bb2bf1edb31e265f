// The response body, read once within the size limit while the attempt's timeout still runs (so a timeout or a
// connection lost mid-body surfaces in the transport, typed), then handed up as a Response answered from memory:
// neither openapi-fetch nor a middleware reads a second stream.
import { BelvoMalformedResponseError } from "../errors/belvo-malformed-response-error.js";
import type { Redact } from "../redact.js";
import { requestIdFromHeaders } from "../request-id.js";

/** The response with its body read, refused over `maxBodyBytes` (declared, or counted as it arrives). */
export async function readBody(
  response: Response,
  maxBodyBytes: number,
  request: string,
  redact: Redact,
): Promise<Response> {
  const limit = { maxBodyBytes, request, redact };
  const text = await readText(response, limit);
  // A raw call's 2xx body is parsed by openapi-fetch through json(): what is not JSON is our typed error, not a
  // SyntaxError whose message quotes the body (which may echo what the call sent).
  const notJson = () => malformed(response, limit, notJsonReason(response, text, redact));
  return textResponse(text, response, notJson);
}

/** Why a body is not JSON, in words that quote nothing of it but its (redacted) content type and length. */
export function notJsonReason(response: Response, text: string, redact: Redact): string {
  const type = redact(response.headers.get("content-type") ?? "no content-type");
  return `not valid JSON (${type}, ${text.length} characters)`;
}

async function readText(response: Response, limit: Limit): Promise<string> {
  if (!response.body) return "";
  const length = response.headers.get("content-length");
  const declared = length === null ? undefined : Number(length);
  if (declared !== undefined && declared > limit.maxBodyBytes) {
    response.body.cancel().catch(() => {});
    throw malformed(response, limit, `body of ${declared} bytes is over the ${limit.maxBodyBytes}-byte limit`);
  }
  // A declared length within the limit, not compressed (its decoded size is unknown): the runtime reads it.
  if (declared !== undefined && Number.isFinite(declared) && !response.headers.has("content-encoding")) {
    return response.text();
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let received = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > limit.maxBodyBytes) {
      reader.cancel().catch(() => {});
      throw malformed(response, limit, `body is over the ${limit.maxBodyBytes}-byte limit`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

interface Limit {
  maxBodyBytes: number;
  request: string;
  redact: Redact;
}

function malformed(response: Response, { request, redact }: Limit, reason: string): Error {
  const context = { request, requestId: requestIdFromHeaders(response.headers), redact };
  return new BelvoMalformedResponseError(response.status, reason, context);
}

// A Response over text already read, with the original's status, headers and URL. A subclass,
// not `new Response(text)`: that would make a stream for openapi-fetch to read back (see BENCHMARKS.md, heap).
// Made on first use, not at import: touching `Response` loads Node's fetch (undici).
let TextResponse: (new (text: string, from: Response, notJson: () => Error) => Response) | undefined;

function textResponse(text: string, from: Response, notJson: () => Error): Response {
  TextResponse ??= class extends Response {
    readonly #text: string;
    readonly #from: Response;
    readonly #notJson: () => Error;
    #headers: Headers | undefined;
    constructor(text: string, from: Response, notJson: () => Error) {
      super(null, { status: from.status, statusText: from.statusText });
      this.#text = text;
      this.#from = from;
      this.#notJson = notJson;
    }
    /**
     * The original's, with the length of the text when it had none: openapi-fetch parses a body without one with its
     * own JSON.parse (a SyntaxError quoting the body) and one with it through json() below (our typed error).
     */
    override get headers() {
      if (this.#from.headers.has("content-length")) return this.#from.headers;
      this.#headers ??= new Headers(this.#from.headers);
      this.#headers.set("content-length", String(new TextEncoder().encode(this.#text).byteLength));
      return this.#headers;
    }
    override get url() {
      return this.#from.url;
    }
    override get body() {
      return this.#text === "" ? null : this.#copy().body;
    }
    override async text() {
      return this.#text;
    }
    override async json() {
      try {
        return JSON.parse(this.#text);
      } catch {
        throw this.#notJson();
      }
    }
    override arrayBuffer() {
      return this.#copy().arrayBuffer();
    }
    override blob() {
      return this.#copy().blob();
    }
    override clone() {
      return new TextResponse!(this.#text, this.#from, this.#notJson);
    }
    /** A fresh Response over the same text, for the ways of reading a body besides text(). */
    #copy() {
      return new Response(this.#text, { headers: this.#from.headers });
    }
  };
  return new TextResponse(text, from, notJson);
}
