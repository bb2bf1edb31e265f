// A fake Belvo on 127.0.0.1: the fake's core (fake-core.ts) served by a real HTTP server, stateful and
// spec-shaped, with fault injection, and its control API under /__fake/ (fake-control.ts). For our tests, the demo,
// users' own test suites (`belvo-openapi-client/testing`) and the `belvo-fake` server.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, controlAnswer } from "./fake-control.js";
import { createFakeCore, type FakeAnswer, type FakeBelvoOptions, type FakeCore } from "./fake-core.js";
import { errorBody, randomHex } from "./fixtures.js";

/** The default `maxBodyBytes`: 1 MiB, far above any Belvo request body. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** The largest `maxBodyBytes`: the body is read into one string, which V8 caps at about 512 MiB. */
export const MAX_BODY_BYTES_LIMIT = 256 * 1024 * 1024;

export interface FakeBelvoServer extends Omit<FakeCore, "handle"> {
  /** `http://127.0.0.1:<port>`: pass it as the client's `baseUrl`. */
  url: string;
  close(): Promise<void>;
}

export interface StartFakeBelvoOptions extends FakeBelvoOptions {
  /** The port on 127.0.0.1. Default 0: any free port (see `url`). */
  port?: number;
  /**
   * The largest request body it reads, in bytes (default 1 MiB; at most 256 MiB). A larger one is answered `413`
   * with a Belvo-shaped error (`request_too_large`) and `Connection: close`, and the connection is closed: a
   * Content-Length over the limit before a byte of the body is read, a body sent without one as soon as it passes
   * the limit. Nothing past the limit is kept, so a caller cannot fill the fake's memory.
   */
  maxBodyBytes?: number;
}

export async function startFakeBelvo(options: StartFakeBelvoOptions = {}): Promise<FakeBelvoServer> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT)
    throw new RangeError(`maxBodyBytes must be a whole number from 1 to ${MAX_BODY_BYTES_LIMIT}, not ${maxBodyBytes}`);
  const fake = createFakeCore(options);
  const { handle, ...core } = fake;
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    void serve(request, response).catch(() => response.destroy());
  };
  const server = createServer(onRequest);
  // A client that asks before sending a body (curl does for large ones) is refused before it sends it.
  server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) => {
    if (!declaresTooLarge(request, maxBodyBytes)) response.writeContinue();
    onRequest(request, response);
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readMessage(request, maxBodyBytes);
    if (body === TOO_LARGE) return refuseTooLarge(response, maxBodyBytes);
    const webRequest = toRequest(request, body);
    if (request.url?.startsWith(CONTROL_PREFIX)) {
      // The port the request came in on, which its Host must name.
      return send(response, await controlAnswer(fake, webRequest, request.socket.localPort ?? 0));
    }
    const answer = await handle(webRequest);
    if (answer.drop === "before-response") return void request.socket.destroy();
    send(response, answer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...core,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The incoming message as a Web Request (the core's input), with every header as sent, Host included. */
function toRequest(request: IncomingMessage, text: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = request.method ?? "GET";
  const carriesBody = text !== "" && method !== "GET" && method !== "HEAD";
  return new Request(`http://127.0.0.1${request.url ?? "/"}`, {
    method,
    headers,
    body: carriesBody ? text : undefined,
  });
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.text) });
  if (answer.drop === "mid-body") {
    response.write(answer.text.slice(0, Math.floor(answer.text.length / 2)), () => response.destroy());
    return;
  }
  response.end(answer.text);
}

const TOO_LARGE = Symbol("too large");

function declaresTooLarge(request: IncomingMessage, maxBytes: number): boolean {
  return Number(request.headers["content-length"]) > maxBytes;
}

/**
 * The body as text, or TOO_LARGE as soon as it is known to pass `maxBytes`: declared so, or grown so while it
 * streams in. Then reading stops (the paused request stops the socket, until refuseTooLarge drains it) and nothing
 * read is kept.
 */
function readMessage(request: IncomingMessage, maxBytes: number): Promise<string | typeof TOO_LARGE> {
  if (declaresTooLarge(request, maxBytes)) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      request.off("data", onData).pause();
      chunks = [];
      resolve(TOO_LARGE);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** How long a refused request's connection lingers to drop what the client still sends (see refuseTooLarge). */
const LINGER_MS = 1000;

/**
 * A Belvo-shaped 413, then the connection closed: the rest of the body is dropped as it comes, never kept. The close
 * lingers (half-closed, drained, destroyed after LINGER_MS): a socket destroyed while the body's bytes still arrive
 * sends a reset, which can discard the 413 before the client has read it.
 */
function refuseTooLarge(response: ServerResponse, maxBytes: number): void {
  const limit = "maxBodyBytes; --max-body-bytes for belvo-fake";
  const message = `The request body is larger than ${maxBytes} bytes, the most this fake Belvo reads (${limit}).`;
  const text = JSON.stringify(errorBody(randomHex(16), "request_too_large", message));
  response.writeHead(413, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    Connection: "close",
  });
  const { socket, req } = response;
  // Node destroys a closing connection as soon as the response is written: in its place, linger.
  if (socket) {
    socket.destroySoon = () => {
      socket.end();
      req.resume();
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    };
  }
  response.end(text);
}
