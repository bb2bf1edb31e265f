// A server we do not control, on 127.0.0.1: it records every connection and request, and answers each as the test
// says (redirect, echo what it was sent, stall, drip, reset, an odd status). The hostile suites start two, the one the
// client is pointed at and "another origin" that must never hear from it.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { expect } from "vitest";

export interface Seen {
  method: string;
  /** The path and query, as the request line had them. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text, and as the bytes that came. */
  body: string;
  bytes: Buffer;
}

export type Behaviour = (seen: Seen, response: ServerResponse) => void;

export interface HostileServer {
  url: string;
  /** Every request, in order. */
  seen: Seen[];
  /** TCP connections accepted: a redirect followed to this server shows here even before a request line. */
  connections: number;
  behave(behaviour: Behaviour): void;
  /** Forget what was seen and connected. */
  clear(): void;
  close(): Promise<void>;
}

const MAX_RECORDED_BODY = 1024 * 1024;

export async function startHostileServer(): Promise<HostileServer> {
  let behaviour: Behaviour = (_, response) => response.writeHead(204).end();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      if ((size += chunk.length) <= MAX_RECORDED_BODY) chunks.push(chunk);
    });
    request.on("end", () => {
      const bytes = Buffer.concat(chunks);
      const { method = "", url = "", headers } = request;
      const seen = { method, url, headers, body: bytes.toString("utf8"), bytes };
      state.seen.push(seen);
      behaviour(seen, response);
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const state: HostileServer = {
    url: `http://127.0.0.1:${port}`,
    seen: [],
    connections: 0,
    behave: (next) => void (behaviour = next),
    clear() {
      state.seen = [];
      state.connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return state;
}

/** The secret values a request carried, as an echoing server would pick them out of its body. */
function secretsIn(seen: Seen): string[] {
  let fields: Record<string, unknown> = {};
  try {
    fields = JSON.parse(seen.body);
  } catch {
    fields = Object.fromEntries(new URLSearchParams(seen.body));
  }
  const values = ["password", "password2", "token"].map((name) => fields?.[name]);
  return values.filter((value): value is string => typeof value === "string");
}

/** What an echoing server sends back: the request's body and headers, the Authorization header among them. */
function echoOf(seen: Seen): Record<string, unknown> {
  return { message: seen.body, headers: seen.headers, url: seen.url };
}

export const behaviours = {
  ok:
    (body: unknown, status = 200): Behaviour =>
    (_, response) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    },
  redirect:
    (status: number, location: string): Behaviour =>
    (_, response) => {
      response.writeHead(status, { location, "content-type": "text/html" }).end(`<a href="${location}">moved</a>`);
    },
  /** An error list that quotes the request back, its first secret as the request id and in a header. */
  echoErrors:
    (status: number): Behaviour =>
    (seen, response) => {
      const secret = secretsIn(seen)[0] ?? "none";
      const body = [{ code: secret, request_id: secret, ...echoOf(seen), session: secret, [secret]: "as a key" }];
      response
        .writeHead(status, { "content-type": "application/json", "x-request-id": secret, location: `/?echo=${secret}` })
        .end(JSON.stringify(body));
    },
  /** A 2xx JSON object quoting the request back. */
  echoObject: (): Behaviour => (seen, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(echoOf(seen)));
  },
  /** A 2xx that is not JSON: the request as text, and a secret in the content type. */
  echoText: (): Behaviour => (seen, response) => {
    const secret = secretsIn(seen)[0] ?? "none";
    const text = `${seen.body} ${seen.headers.authorization ?? ""}`;
    response.writeHead(200, { "content-type": `text/plain; echo=${secret}`, "x-request-id": secret }).end(text);
  },
  /** Accepts the request and never answers. */
  stall: (): Behaviour => () => {},
  /** Sends the headers, then a byte every 20 ms, forever. */
  drip: (): Behaviour => (_, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write("[");
    const timer = setInterval(() => response.write(" "), 20);
    response.on("close", () => clearInterval(timer)); // the client gave up, or the server closed
  },
  /** Closes the connection with no answer. */
  reset: (): Behaviour => (_, response) => void response.socket?.destroy(),
  status:
    (status: number): Behaviour =>
    (_, response) => {
      response.writeHead(status, { "content-type": "application/json" }).end("[]");
    },
  /** JSON nested deeper than any stack (JSON.stringify overflows from about 10,000 levels). */
  deep:
    (status: number, depth = 1_000_000): Behaviour =>
    (_, response) => {
      response
        .writeHead(status, { "content-type": "application/json" })
        .end(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    },
};

/**
 * How a secret reads in what we format, if it was not redacted: as is, and escaped as `JSON.stringify` and
 * `util.inspect` escape a string, once or twice (an echo of our JSON request text is escaped already).
 */
export function renderedForms(secret: string): string[] {
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  const inspected = (text: string) => text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
  return [...new Set([secret, json(secret), json(json(secret)), inspected(secret), inspected(json(secret))])];
}

/** Fails if our formatting of `value` (String, util.inspect with hidden fields and causes, JSON) shows a secret. */
export function expectNothingShown(value: unknown, secrets: readonly string[]): void {
  const shown = [String(value), inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? ""];
  const forms = secrets.flatMap(renderedForms);
  for (const text of shown) for (const form of forms) expect(text).not.toContain(form);
}
