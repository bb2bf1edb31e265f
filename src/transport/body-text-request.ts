// openapi-fetch builds each Request itself; through its `Request` option it builds ours, which remembers the text
// of its body and the caller's signal, so the transport can send (and re-send) the body without reading the
// request's stream, and listens for an abort only when the caller can abort.
// A WeakMap, not a property: a logging middleware that prints the request must not print the password in it.
// The class is made on first use, not at import: touching `Request` loads Node's fetch (undici), ~25 ms.
export interface RequestParts {
  body: string | undefined;
  callerSignal: AbortSignal | undefined;
}

const remembered = new WeakMap<Request, RequestParts>();
let BodyTextRequest: typeof Request | undefined;

export function bodyTextRequestClass(): typeof Request {
  return (BodyTextRequest ??= class extends Request {
    // openapi-fetch accepts a middleware's replacement request only if it is an instance of its Request option:
    // any Request will do, since the transport reads a request it did not build from the request itself.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }

    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      const body = init?.body ?? undefined;
      // A Request as input brings its own body and signal: read those from the request itself.
      if (!(input instanceof Request) && (body === undefined || typeof body === "string")) {
        remembered.set(this, { body, callerSignal: init?.signal ?? undefined });
      }
    }
  });
}

/** The parts remembered for a request we built; undefined for one a middleware put in its place. */
export function rememberedParts(request: Request): RequestParts | undefined {
  return remembered.get(request);
}

/** The body text and signal of a request we did not build, read from the request itself. */
export async function readParts(request: Request): Promise<RequestParts> {
  return { body: request.body === null ? undefined : await request.text(), callerSignal: request.signal };
}
