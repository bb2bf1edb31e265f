// A fake Belvo on 127.0.0.1: the fake's core (fake-core.ts) served by a real HTTP server, stateful and
// spec-shaped, with fault injection, and its control API under /__fake/ (fake-control.ts). For our tests, the demo,
// users' own test suites (`belvo-openapi-client/testing`) and the `belvo-fake` server.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, controlAnswer } from "./fake-control.js";
import { createFakeCore, type FakeAnswer, type FakeBelvoOptions, type FakeCore } from "./fake-core.js";

export interface FakeBelvo extends Omit<FakeCore, "handle"> {
  /** `http://127.0.0.1:<port>`: pass it as the client's `baseUrl`. */
  url: string;
  close(): Promise<void>;
}

export interface StartFakeBelvoOptions extends FakeBelvoOptions {
  /** The port on 127.0.0.1. Default 0: any free port (see `url`). */
  port?: number;
}

export async function startFakeBelvo(options: StartFakeBelvoOptions = {}): Promise<FakeBelvo> {
  const fake = createFakeCore(options);
  const { handle, ...core } = fake;
  const server = createServer((request, response) => {
    void serve(request, response).catch(() => response.destroy());
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const webRequest = await toRequest(request);
    if (request.url?.startsWith(CONTROL_PREFIX)) return send(response, await controlAnswer(fake, webRequest));
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

/** The incoming message as a Web Request (the core's input), its body read whole. */
async function toRequest(request: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const text = await readBody(request);
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}
