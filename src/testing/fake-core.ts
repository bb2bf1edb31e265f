// The fake Belvo's behaviour, with no socket: one function from a Request to the answer Belvo would give, which the
// adapters serve over HTTP on 127.0.0.1 (startFakeBelvo) or as a `fetch` (createFakeBelvo). An answer is a
// description rather than a Response, because a fault may be a connection dropped before or during the response,
// which each adapter plays out in its own way.
import { operationRules, type FieldRule, type OperationRules } from "../../generated/operation-rules.js";
import { ruleProblem } from "../input/check-input.js";
import { singleUseFields } from "../single-use.js";
import { faultProblem, playable } from "./fake-faults.js";
import { documentedSuccess, errorBody, randomHex } from "./fixtures.js";
import { matchRoute } from "./fake-routes.js";
import {
  DEFAULT_FAKE_LINKS,
  DEFAULT_MAX_EXCHANGES,
  type FakeBelvoOptions,
  type FakeFault,
  type RecordedExchange,
} from "./fake-options.js";
import { FakeState, type FakeLinkSeed, type Reply } from "./fake-state.js";
import { fromText, requestErrors } from "./request-errors.js";

export { DEFAULT_FAKE_LINKS, type FakeBelvoOptions, type FakeFault, type RecordedExchange } from "./fake-options.js";

/** What the fake answers: status, headers and body text, or a connection dropped before or halfway through it. */
export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  drop?: "before-response" | "mid-body";
}

export interface FakeCore {
  secretId: string;
  secretPassword: string;
  links: readonly FakeLinkSeed[];
  /** The newest requests and their answers (`maxExchanges` of them), oldest first (field names only, never values). */
  exchanges: RecordedExchange[];
  /** Answers one request; `signal` ends an injected delay early (the caller gave up), rejecting with its reason. */
  handle(request: Request, signal?: AbortSignal): Promise<FakeAnswer>;
  /** The token the user's bank app would show for a link (undefined for links without MFA). */
  mfaTokenFor(linkId: string): string | undefined;
  /** Queues a fault; throws a TypeError for one it cannot play (what the control API answers 400), saying why. */
  injectFault(fault: FakeFault): void;
  /** Drops the faults not used up yet. */
  clearFaults(): void;
  expireSessions(): void;
  /** Back to the state it started in: no sessions, no faults, no exchanges. */
  reset(): void;
}

export function createFakeCore(options: FakeBelvoOptions = {}): FakeCore {
  const secretId = options.secretId ?? "fake-secret-id";
  const secretPassword = options.secretPassword ?? "fake-secret-password";
  const links = options.links ?? DEFAULT_FAKE_LINKS;
  const newState = () => new FakeState(links, options.sessionTtlSeconds ?? 600, options.singleUseSessions ?? true);
  let state = newState();
  const faults: Array<FakeFault & { remaining: number }> = [];
  const exchanges: RecordedExchange[] = [];
  const maxExchanges = options.maxExchanges ?? DEFAULT_MAX_EXCHANGES;
  if (!(maxExchanges >= 0 && (Number.isInteger(maxExchanges) || maxExchanges === Infinity)))
    throw new RangeError(`maxExchanges must be a whole number, 0 or more (or Infinity), not ${maxExchanges}`);

  async function handle(request: Request, signal?: AbortSignal): Promise<FakeAnswer> {
    const url = new URL(request.url);
    const body = parseJson(await request.text());
    const fields = body && typeof body === "object" && !Array.isArray(body) ? Object.keys(body) : [];
    const exchange: RecordedExchange = {
      method: request.method,
      path: url.pathname,
      query: recordedQuery(url),
      bodyFields: fields,
      tokenSent:
        fields.some((field) => singleUseFields.body.includes(field)) ||
        singleUseFields.query.some((name) => url.searchParams.has(name)) ||
        singleUseFields.header.some((name) => request.headers.has(name)),
      userAgent: request.headers.get("user-agent") ?? undefined,
      correlationId: request.headers.get("x-correlation-id") ?? undefined,
      faulted: false,
      status: "dropped",
      responseBody: undefined,
    };
    if (options.record !== false) {
      exchanges.push(exchange);
      // The oldest go, so that a long run keeps memory flat; `exchanges` stays the array tests read.
      if (exchanges.length > maxExchanges) exchanges.splice(0, exchanges.length - maxExchanges);
    }
    const requestId = randomHex(16);

    const fault = takeFault(exchange);
    exchange.faulted = fault !== undefined;
    if (fault?.delayMs) await pause(fault.delayMs, signal);
    if (fault?.drop === "before-response") return { status: 0, headers: {}, text: "", drop: "before-response" };
    const reply: Reply =
      fault?.status !== undefined
        ? { status: fault.status, body: fault.body ?? errorBody(requestId, "unexpected_error", "Injected fault") }
        : route(request, url, body, requestId);
    return answer(exchange, requestId, reply, fault);
  }

  function route(request: Request, url: URL, body: unknown, requestId: string): Reply {
    const credentials = basicCredentials(request.headers.get("authorization"));
    if (credentials?.user !== secretId || credentials.password !== secretPassword) {
      return { status: 401, body: errorBody(requestId, "authentication_failed", "Invalid API credentials") };
    }
    const type = request.headers.get("content-type");
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
    const match = matchRoute(request.method, url.pathname);
    // The API root, which SDKs (Belvo's own among them) call to check the keys.
    if (!match && request.method === "GET" && url.pathname === "/api/")
      return { status: 200, body: { links: "/api/links/", owners: "/api/owners/" } };
    const notFound = { status: 404, body: errorBody(requestId, "not_found", "Not found") };
    if (!match) return notFound;
    if ("allow" in match) return methodNotAllowed(request.method, match.allow.join(", "), requestId);

    const rules = operationRules[match.operation];
    const pathParams = decodePathParams(rules, match.pathParams);
    const stateful = state.operations[match.operation];
    if (!pathParams || stateful?.exists?.(pathParams) === false) return notFound;
    const errors = requestErrors(rules, { body, query: url.searchParams, headers: request.headers }, requestId);
    if (errors.length) return { status: 400, body: errors };
    const link = linkOf(rules.path, pathParams, body);
    if (link !== undefined && !links.some(({ id }) => id === link)) return notFound;
    const now = options.now?.() ?? new Date();
    const fields = (body ?? {}) as Record<string, unknown>;
    return stateful?.answer({ requestId, pathParams, body: fields, now }) ?? documentedSuccess(match.operation);
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

  function answer(exchange: RecordedExchange, requestId: string, reply: Reply, fault?: FakeFault): FakeAnswer {
    // A string is sent as it is (HTML, broken JSON); undefined is no body at all (a 204).
    const text =
      typeof reply.body === "string" ? reply.body : reply.body === undefined ? "" : JSON.stringify(reply.body);
    const html = typeof reply.body === "string" && !/^\s*[[{]/.test(reply.body);
    const parsed = typeof reply.body === "string" ? parseJson(reply.body) : reply.body;
    exchange.status = fault?.drop === "mid-body" ? "dropped" : reply.status;
    exchange.responseBody = parsed === INVALID_JSON ? text : parsed;
    const headers = mergeHeaders(
      text === "" ? {} : { "Content-Type": html ? "text/html; charset=utf-8" : "application/json" },
      { "X-Request-Id": requestId },
      reply.headers,
      fault?.headers,
    );
    return { status: reply.status, headers, text, ...(fault?.drop === "mid-body" ? { drop: "mid-body" } : {}) };
  }

  return {
    secretId,
    secretPassword,
    links,
    exchanges,
    handle,
    mfaTokenFor: (linkId) => links.find((link) => link.id === linkId)?.mfa?.token,
    injectFault: (fault) => {
      const problem = faultProblem(fault);
      if (problem) throw new TypeError(`injectFault: ${problem}`);
      faults.push({ ...playable(fault), remaining: fault.times ?? 1 });
    },
    clearFaults: () => void faults.splice(0),
    expireSessions: () => state.expireSessions(),
    reset: () => {
      state = newState();
      faults.splice(0);
      exchanges.length = 0;
    },
  };
}

const INVALID_JSON = Symbol("invalid JSON");

/**
 * The link an operation is about, if it takes one: the id of a `/api/links/{id}/` path, or a body's `link`. Belvo
 * answers 404 for one it does not have, whether the fake keeps state for the operation or answers its example.
 */
/**
 * The user and password of a Basic `Authorization` header, read as RFC 7617 has them (base64 of UTF-8 `user:password`,
 * split at the first colon): the fake's own reading, so a client that encodes them otherwise is refused, as Belvo
 * would. Undefined for any other header.
 */
export function basicCredentials(header: string | null): { user: string; password: string } | undefined {
  const encoded = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header ?? "")?.[1];
  if (encoded === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return undefined; // not base64, or not UTF-8
  }
  const colon = text.indexOf(":");
  return colon === -1 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Resolves after `ms` (a fault's delay), or rejects with the signal's reason if the request is aborted first. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function linkOf(template: string, pathParams: Record<string, string>, body: unknown): string | undefined {
  if (template.startsWith("/api/links/{")) return Object.values(pathParams)[0];
  const link = (body as { link?: unknown } | undefined)?.link;
  return typeof link === "string" ? link : undefined;
}

/** Query parameters whose values are never recorded: secrets and single-use tokens, in any operation. */
const SECRET_QUERY = Object.values<OperationRules>(operationRules).flatMap(({ query }) =>
  Object.keys(query.properties).filter((name) => query.properties[name]!.secret || query.properties[name]!.singleUse),
);

/** The query as it came, but for the values of secret parameters. */
function recordedQuery(url: URL): string {
  if (!SECRET_QUERY.some((name) => url.searchParams.has(name))) return url.search;
  const query = new URLSearchParams(url.search);
  for (const name of SECRET_QUERY) if (query.has(name)) query.set(name, "[REDACTED]");
  return `?${query}`;
}

/**
 * The path parameters decoded, or undefined when one breaks its rule or has a malformed escape (`%E0%A4%A`):
 * Belvo answers those 404, as no resource has such an id.
 */
function decodePathParams(
  rules: OperationRules,
  encoded: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  const decoded: Record<string, string> = {};
  for (const [name, segment] of Object.entries(encoded)) {
    try {
      decoded[name] = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    const rule = rules.pathParams[name as keyof typeof rules.pathParams] as FieldRule;
    if (ruleProblem(fromText(decoded[name]!, rule), rule)) return undefined;
  }
  return decoded;
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

/** Header sets merged as HTTP reads names, in any case: a later `content-type` replaces an earlier `Content-Type`. */
function mergeHeaders(...sets: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const set of sets)
    for (const [name, value] of Object.entries(set ?? {})) merged.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(merged.values());
}
