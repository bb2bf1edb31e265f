// The response the transport hands up: its body already read (so a timeout or a connection lost mid-body surfaced
// in the transport, typed) and answered from memory, so neither openapi-fetch nor middleware reads a second stream
// (streams are the costliest part of a call on Node). Status, headers (the same object, not a copy) and URL are
// the original response's.
// The class is made on first use, not at import: touching `Response` loads Node's fetch (undici), ~25 ms.
let BodyTextResponse: (new (text: string, from: Response) => Response) | undefined;

export function bodyTextResponse(text: string, from: Response): Response {
  BodyTextResponse ??= class extends Response {
    readonly #text: string;
    readonly #from: Response;

    constructor(text: string, from: Response) {
      super(null, { status: from.status, statusText: from.statusText });
      this.#text = text;
      this.#from = from;
    }

    override get headers(): Headers {
      return this.#from.headers;
    }

    override get url(): string {
      return this.#from.url;
    }

    override get body(): Response["body"] {
      return this.#text === "" ? null : this.#copy().body;
    }

    override text(): Promise<string> {
      return Promise.resolve(this.#text);
    }

    override json(): Promise<any> {
      return this.#copy().json();
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#copy().arrayBuffer();
    }

    override blob(): Promise<Blob> {
      return this.#copy().blob();
    }

    /** A fresh response over the same text and headers, for the ways of reading a body besides text(). */
    #copy(): Response {
      return new Response(this.#text, { headers: this.#from.headers });
    }

    override clone(): Response {
      return new BodyTextResponse!(this.#text, this.#from);
    }
  };
  return new BodyTextResponse(text, from);
}
