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
  if (!response.body) return textResponse("", response);
  const length = response.headers.get("content-length");
  const declared = length === null ? undefined : Number(length);
  if (declared !== undefined && declared > maxBodyBytes) {
    response.body.cancel().catch(() => {});
    throw tooLarge(response, { maxBodyBytes, request, redact, declared });
  }
  // A declared length within the limit, not compressed (its decoded size is unknown): the runtime reads it.
  if (declared !== undefined && Number.isFinite(declared) && !response.headers.has("content-encoding")) {
    return textResponse(await response.text(), response);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let received = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return textResponse(text + decoder.decode(), response);
    received += value.byteLength;
    if (received > maxBodyBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(response, { maxBodyBytes, request, redact });
    }
    text += decoder.decode(value, { stream: true });
  }
}

interface Limit {
  maxBodyBytes: number;
  request: string;
  redact: Redact;
  declared?: number;
}

function tooLarge(response: Response, { maxBodyBytes, request, redact, declared }: Limit): Error {
  const size = declared === undefined ? "" : ` of ${declared} bytes`;
  const context = { request, requestId: requestIdFromHeaders(response.headers), redact };
  return new BelvoMalformedResponseError(
    response.status,
    `body${size} is over the ${maxBodyBytes}-byte limit`,
    context,
  );
}

// A Response over text already read, with the original's status, headers (the same object) and URL. A subclass,
// not `new Response(text)`: that would make a stream for openapi-fetch to read back (see BENCHMARKS.md, heap).
// Made on first use, not at import: touching `Response` loads Node's fetch (undici).
let TextResponse: (new (text: string, from: Response) => Response) | undefined;

function textResponse(text: string, from: Response): Response {
  TextResponse ??= class extends Response {
    readonly #text: string;
    readonly #from: Response;
    constructor(text: string, from: Response) {
      super(null, { status: from.status, statusText: from.statusText });
      this.#text = text;
      this.#from = from;
    }
    override get headers() {
      return this.#from.headers;
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
      return JSON.parse(this.#text);
    }
    override arrayBuffer() {
      return this.#copy().arrayBuffer();
    }
    override blob() {
      return this.#copy().blob();
    }
    override clone() {
      return new TextResponse!(this.#text, this.#from);
    }
    /** A fresh Response over the same text, for the ways of reading a body besides text(). */
    #copy() {
      return new Response(this.#text, { headers: this.#from.headers });
    }
  };
  return new TextResponse(text, from);
}
