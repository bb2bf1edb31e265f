/**
 * A Response whose body the transport already read and checked. It answers text() and json() from memory, so
 * openapi-fetch neither reads a second stream nor parses the JSON again (streams are the costliest part of a call
 * on Node); `body` and clone() still work for middleware that want them.
 */
export class SettledResponse extends Response {
  readonly #text: string;
  #parsed: { value: unknown } | undefined;

  constructor(text: string, parsed: { value: unknown } | undefined, init: ResponseInit) {
    super(null, init);
    this.#text = text;
    this.#parsed = parsed;
  }

  override get body(): Response["body"] {
    return this.#text === "" ? null : new Response(this.#text).body;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override json(): Promise<any> {
    const parsed = this.#parsed;
    this.#parsed = undefined; // hand the already-parsed value out once; later calls parse afresh
    return parsed ? Promise.resolve(parsed.value) : new Promise((resolve) => resolve(JSON.parse(this.#text)));
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.#text).buffer as ArrayBuffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.#text], { type: this.headers.get("content-type") ?? "" }));
  }

  override clone(): SettledResponse {
    return new SettledResponse(this.#text, undefined, {
      status: this.status,
      statusText: this.statusText,
      headers: new Headers(this.headers),
    });
  }
}
