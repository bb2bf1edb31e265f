// A fake Belvo on 127.0.0.1: a real HTTP server, stateful and spec-shaped, with fault injection.
// For our tests, the demo, and users' own test suites (`belvo-openapi-client/testing`).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { operationRules, type OperationRules } from "../../generated/operation-rules.js";
import { errorBody, randomHex } from "./fixtures.js";
import { FakeState, type FakeLinkSeed, type Reply } from "./fake-state.js";
import { requestErrors } from "./request-errors.js";

export interface FakeFault {
  /** Which requests it applies to (default: any). */
  match?: { method?: string; path?: string };
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** Wait this long before answering (then answer normally, unless a status or drop is given too). */
  delayMs?: number;
  /** Close the connection with no response, or after the headers and half the body. */
  drop?: "before-response" | "mid-body";
  /** Answer with this status instead of the normal answer. */
  status?: number;
  /** The body for `status`: a string is sent as is (HTML, broken JSON), anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedExchange {
  method: string;
  path: string;
  query: string;
  /** Names of the JSON body's fields (never their values: those hold passwords and tokens). */
  bodyFields: string[];
  tokenSent: boolean;
  userAgent: string | undefined;
  /** The request's X-Correlation-Id header, for tests that match requests to answers. */
  correlationId: string | undefined;
  /** True when an injected fault shaped the answer. */
  faulted: boolean;
  status: number | "dropped";
  /** The parsed JSON this server answered (for spec validation in tests). */
  responseBody: unknown;
}

export interface FakeBelvoOptions {
  secretId?: string;
  secretPassword?: string;
  links?: FakeLinkSeed[];
  /** The `expiry` of the sessions its 428s open. Default 600. */
  sessionTtlSeconds?: number;
  /** Keep `exchanges` (default true); turn off for long load runs, so memory stays flat. */
  record?: boolean;
  /** Sessions accept their token once, as Belvo's do (default true); false lets a benchmark resume one repeatedly. */
  singleUseSessions?: boolean;
  /**
   * The fake's clock (default: the real one). Give a function you control to test session expiry without
   * waiting: a 428's session expires `sessionTtlSeconds` after the time it returned when the session opened.
   */
  now?: () => Date;
}

export interface FakeBelvo {
  url: string;
  secretId: string;
  secretPassword: string;
  links: readonly FakeLinkSeed[];
  /** Every request received, in order, with what was answered. */
  exchanges: RecordedExchange[];
  /** The token the user's bank app would show for a link (undefined for links without MFA). */
  mfaTokenFor(linkId: string): string | undefined;
  injectFault(fault: FakeFault): void;
  /** Drops the faults not used up yet. */
  clearFaults(): void;
  expireSessions(): void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_LINKS: readonly FakeLinkSeed[] = [
  {
    id: "30cb4806-6e00-48a4-91c9-ca55968576c8",
    institution: "erebor_mx_retail",
    owners: "standard",
    mfa: { token: "482913" },
  },
  {
    id: "5a1e9c7d-2b3f-4c8e-9d6a-7b8c9d0e1f2a",
    institution: "ofmockbank_br_retail",
    owners: "individual-brazil",
    mfa: { token: "device-approval", expectsUserInput: false },
  },
  { id: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", institution: "ofmockbank_br_business", owners: "business-brazil" },
];

export async function startFakeBelvo(options: FakeBelvoOptions = {}): Promise<FakeBelvo> {
  const secretId = options.secretId ?? "fake-secret-id";
  const secretPassword = options.secretPassword ?? "fake-secret-password";
  const links = options.links ?? DEFAULT_FAKE_LINKS;
  const state = new FakeState(links, options.sessionTtlSeconds ?? 600, options.singleUseSessions ?? true);
  const expectedAuthorization = `Basic ${Buffer.from(`${secretId}:${secretPassword}`).toString("base64")}`;
  const faults: Array<FakeFault & { remaining: number }> = [];
  const exchanges: RecordedExchange[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(request);
    const body = parseJson(raw);
    const fields = body && typeof body === "object" && !Array.isArray(body) ? Object.keys(body) : [];
    const exchange: RecordedExchange = {
      method: request.method ?? "",
      path: url.pathname,
      query: url.search,
      bodyFields: fields,
      tokenSent: fields.includes("token"),
      userAgent: request.headers["user-agent"],
      correlationId: request.headers["x-correlation-id"] as string | undefined,
      faulted: false,
      status: "dropped",
      responseBody: undefined,
    };
    if (options.record !== false) exchanges.push(exchange);
    const requestId = randomHex(16);

    const fault = takeFault(exchange);
    exchange.faulted = fault !== undefined;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop === "before-response") return void request.socket.destroy();
    if (fault?.status !== undefined)
      return send(
        response,
        exchange,
        requestId,
        fault.status,
        fault.body ?? errorBody(requestId, "unexpected_error", "Injected fault"),
        fault,
      );

    const reply = route(request, url, body, requestId);
    send(response, exchange, requestId, reply.status, reply.body, {
      ...fault,
      headers: { ...reply.headers, ...fault?.headers },
    });
  }

  function route(request: IncomingMessage, url: URL, body: unknown, requestId: string): Reply {
    if (request.headers.authorization !== expectedAuthorization) {
      return { status: 401, body: errorBody(requestId, "authentication_failed", "Invalid API credentials") };
    }
    const type = request.headers["content-type"];
    if (body !== undefined && !/^application\/json\b/i.test(type ?? "")) {
      const message = `Unsupported media type "${type ?? ""}" in request: send application/json.`;
      return { status: 400, body: errorBody(requestId, "invalid", message) };
    }
    if (
      body === INVALID_JSON ||
      (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body)))
    ) {
      return { status: 400, body: errorBody(requestId, "invalid", "The body must be a JSON object") };
    }
    const fields = (body ?? {}) as Record<string, unknown>;
    const now = options.now?.() ?? new Date();
    const notFound = { status: 404, body: errorBody(requestId, "not_found", "Not found") };
    const invalid = (rules: OperationRules): Reply | undefined => {
      const errors = requestErrors(rules, { body: body ?? {}, query: url.searchParams }, requestId);
      return errors.length ? { status: 400, body: errors } : undefined;
    };
    const linkPath = /^\/api\/links\/([^/]+)\/$/.exec(url.pathname);
    if (linkPath) {
      if (request.method !== "PUT") return methodNotAllowed(request.method, "PUT", requestId);
      const linkId = decodePathSegment(linkPath[1]!);
      if (linkId === undefined || !state.hasLink(linkId)) return notFound;
      return invalid(operationRules.updateLinkCredentials) ?? state.updateLink(requestId, linkId, fields, now);
    }
    if (url.pathname === "/api/owners/") {
      if (request.method !== "PATCH") return methodNotAllowed(request.method, "PATCH", requestId);
      return invalid(operationRules.completeOwnersRequest) ?? state.completeOwners(requestId, fields, now);
    }
    // The API root, which SDKs (Belvo's own among them) call to check the keys.
    if (request.method === "GET" && url.pathname === "/api/")
      return { status: 200, body: { links: "/api/links/", owners: "/api/owners/" } };
    return notFound;
  }

  function takeFault(exchange: RecordedExchange): FakeFault | undefined {
    const index = faults.findIndex(
      (f) =>
        (!f.match?.method || f.match.method === exchange.method) &&
        (!f.match?.path || exchange.path.startsWith(f.match.path)),
    );
    if (index === -1) return undefined;
    const fault = faults[index]!;
    if (--fault.remaining === 0) faults.splice(index, 1);
    return fault;
  }

  function send(
    response: ServerResponse,
    exchange: RecordedExchange,
    requestId: string,
    status: number,
    body: unknown,
    fault?: FakeFault,
  ) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const contentType =
      typeof body === "string" && !/^\s*[[{]/.test(body) ? "text/html; charset=utf-8" : "application/json";
    exchange.status = status;
    const parsed = typeof body === "string" ? parseJson(body) : body;
    exchange.responseBody = parsed === INVALID_JSON ? text : parsed;
    response.writeHead(status, {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(text),
      "X-Request-Id": requestId,
      ...fault?.headers,
    });
    if (fault?.drop === "mid-body") {
      exchange.status = "dropped";
      response.write(text.slice(0, Math.floor(text.length / 2)), () => response.destroy());
      return;
    }
    response.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretId,
    secretPassword,
    links,
    exchanges,
    mfaTokenFor: (linkId) => links.find((link) => link.id === linkId)?.mfa?.token,
    injectFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    expireSessions: () => state.expireSessions(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const INVALID_JSON = Symbol("invalid JSON");

/** A percent-encoded path segment, decoded; undefined for a malformed escape (`%E0%A4%A`), which no link matches. */
function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function methodNotAllowed(method: string | undefined, allowed: string, requestId: string): Reply {
  return {
    status: 405,
    body: errorBody(requestId, "method_not_allowed", `Method "${method}" not allowed.`),
    headers: { Allow: allowed },
  };
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
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
