// openapi-fetch builds each Request itself; through its `Request` option it builds ours, which remembers the text
// of its body, so the transport can send (and re-send) it without reading the request's stream.
// A WeakMap, not a property: a logging middleware that prints the request must not print the password in it.
const bodyTexts = new WeakMap<Request, string>();

export class BodyTextRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (typeof init?.body === "string") bodyTexts.set(this, init.body);
  }
}

/** The request's body text: remembered when we built the request, read from its stream otherwise. */
export async function requestBodyText(request: Request): Promise<string | undefined> {
  if (request.body === null) return undefined;
  return bodyTexts.get(request) ?? request.text();
}
