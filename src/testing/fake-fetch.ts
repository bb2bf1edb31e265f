// The fake Belvo with no socket: its core (fake-core.ts) as a `fetch`, for test suites that want no ports at all.
//   const fake = createFakeBelvo();
//   const belvo = createBelvoClient({ secretId: fake.secretId, secretPassword: fake.secretPassword, fetch: fake.fetch });
// The same links, tokens, fault injection and exchanges as startFakeBelvo(); the host of the URL does not matter.
import { createFakeCore, type FakeAnswer, type FakeBelvoOptions, type FakeCore } from "./fake-core.js";

export interface FakeBelvoFetch extends Omit<FakeCore, "handle"> {
  /** Answers like Belvo, in process: a dropped connection rejects (as fetch does), a cut body errors mid-stream. */
  fetch: typeof globalThis.fetch;
}

export function createFakeBelvo(options: FakeBelvoOptions = {}): FakeBelvoFetch {
  const { handle, ...core } = createFakeCore(options);
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const answer = await handle(request, request.signal);
    if (answer.drop === "before-response") throw new TypeError("fetch failed", { cause: new Error("socket hang up") });
    return toResponse(answer);
  };
  return { ...core, fetch };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** The answer as a Response; a cut body fails partway, as it does over a socket. */
export function toResponse(answer: FakeAnswer): Response {
  const bytes = new TextEncoder().encode(answer.text);
  const headers = { ...answer.headers, "Content-Length": String(bytes.byteLength) };
  // A 204 or 205 carries no body (the Response constructor refuses one).
  if (answer.drop !== "mid-body")
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : bytes, { status: answer.status, headers });
  // The headers and half the body, then the connection is gone: reading the rest fails, as it does over a socket.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.byteLength / 2)));
      controller.error(new TypeError("terminated", { cause: new Error("other side closed") }));
    },
  });
  return new Response(body, { status: answer.status, headers });
}
