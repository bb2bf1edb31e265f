// What createBelvoClient takes, with its defaults, resolved into transport settings. Secrets go into the Authorization
// value once.
import { servers } from "../generated/operation-rules.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { hasLoneSurrogate, isPlainObject } from "./input/check-input.js";
import { fieldProblem, optional, type FieldCheck } from "./input/closed-fields.js";
import type { CallOptions } from "./operation-types.js";
import { asLatin1 } from "./redact.js";
import { CLIENT_VERSION } from "./version.js";

export type Environment = keyof typeof servers;

export interface BelvoClientOptions {
  /** Your Belvo secret id (HTTP basic user name). */
  secretId: string;
  /** Your Belvo secret password (HTTP basic password). */
  secretPassword: string;
  /** Which Belvo server to call. Default "sandbox". Give either this or `baseUrl`. */
  environment?: Environment;
  /** Another server, such as the fake Belvo: https, or http on a loopback address only. */
  baseUrl?: string;
  /** Per-attempt timeout. Default 60000 ms; each call can override it. */
  timeoutMs?: number;
  /** The retry policy, or false for none. Requests carrying an MFA token are never retried either way. */
  retry?: RetryOptions | false;
  /** Put before `belvo-openapi-client/<version>` in the User-Agent header, e.g. "my-app/1.2". */
  userAgent?: string;
  /** A fetch implementation (tests, edge runtimes). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface RetryEvent {
  /** `METHOD /path` of the request as sent (no host, no query), as errors name it. */
  request: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** The status that caused the retry, or undefined for a connection failure before any response. */
  status: number | undefined;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** The first backoff wait. Default 3000 ms, as Belvo suggests. */
  initialDelayMs?: number;
  /** No backoff wait is longer than this. Default 30000 ms. */
  maxDelayMs?: number;
  /** A 429 whose Retry-After asks for a longer wait than this is not retried (ky's rule). Default 60000 ms. */
  maxRetryAfterMs?: number;
  /** Called before each wait: for logs and metrics. What it throws ends the call, as a middleware's error does. */
  onRetry?: (event: RetryEvent) => void;
}

export type RetryPolicy = Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 2,
  initialDelayMs: 3000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export const DEFAULT_TIMEOUT_MS = 60_000;
/** The longest wait a timer holds (2^31 − 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Retries past this would keep a call alive for hours; Belvo suggests a few. */
const MAX_RETRIES = 10;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface ResolvedOptions {
  baseUrl: string;
  /** The full Basic header value, built once; never stored anywhere readable. */
  authorization: string;
  /** The secret id and password as given and as encoded in `authorization`: what formatting redacts. */
  credentials: readonly string[];
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy | false;
  fetch: typeof globalThis.fetch;
}

const milliseconds = (value: unknown) =>
  Number.isFinite(value) && (value as number) >= 0 && (value as number) <= MAX_TIMER_MS;
const MILLISECONDS = `must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (what a timer holds)`;
const TIMEOUT: FieldCheck = [
  optional((value) => milliseconds(value) && value !== 0),
  `must be a number of milliseconds above 0, at most ${MAX_TIMER_MS} (what a timer holds)`,
];
/** A field checked elsewhere, with those it depends on (a base URL with the environment, the retry options). */
const CHECKED_BELOW: FieldCheck = [() => true, ""];
/** A secret as sent: a lone surrogate would go out as U+FFFD, which an echo then shows unredacted. */
const SECRET: FieldCheck = [
  (value) => typeof value === "string" && value !== "" && !hasLoneSurrogate(value),
  "must be a non-empty string of valid Unicode (no lone surrogate)",
];

/** What each client option must be, and the reason a wrong value is refused with. */
const CLIENT_RULES: Record<keyof BelvoClientOptions, FieldCheck> = {
  secretId: SECRET,
  secretPassword: SECRET,
  environment: CHECKED_BELOW,
  baseUrl: CHECKED_BELOW,
  timeoutMs: TIMEOUT,
  retry: [
    optional((value) => value === false || isPlainObject(value)),
    "must be false (no retries) or a plain object of retry options",
  ],
  userAgent: [optional(isHeaderValue), "must be a string that can be a header value (one line, no control characters)"],
  fetch: CHECKED_BELOW,
};

const RETRY_RULES: Record<keyof RetryOptions, FieldCheck> = {
  retries: [
    optional((value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_RETRIES),
    `must be a whole number from 0 to ${MAX_RETRIES}`,
  ],
  initialDelayMs: [optional(milliseconds), MILLISECONDS],
  maxDelayMs: [optional(milliseconds), MILLISECONDS],
  maxRetryAfterMs: [optional(milliseconds), MILLISECONDS],
  onRetry: [optional((value) => typeof value === "function"), "must be a function"],
};

const CALL_RULES: Record<keyof CallOptions, FieldCheck> = {
  // What fetch's Request takes for one (undici checks these two): anything else made it throw a TypeError.
  signal: [
    optional((value) => {
      const signal = value as AbortSignal | null;
      return typeof signal?.aborted === "boolean" && typeof signal.addEventListener === "function";
    }),
    "must be an AbortSignal",
  ],
  timeoutMs: TIMEOUT,
};

/**
 * The caller's options object as its own enumerable keys only (each read once), so that nothing on a prototype is
 * read as an option, checked against `rules` (a misspelt option is never dropped silently); anything but a plain
 * object is refused. A key set to undefined is absent, so that it cannot override a default.
 */
function ownOptions(value: unknown, field: string, rules: Record<string, FieldCheck>, what: string) {
  if (!isPlainObject(value)) throw new BelvoInputError(field, `must be a plain object, each key ${what}`);
  const own: Record<string, unknown> = Object.assign(Object.create(null), value);
  for (const key of Object.keys(own)) if (own[key] === undefined) delete own[key];
  const problem = fieldProblem(own, rules, what);
  if (problem) throw new BelvoInputError(problem.key, problem.reason);
  return own;
}

export function resolveOptions(given: BelvoClientOptions): ResolvedOptions {
  const options = ownOptions(given, "options", CLIENT_RULES, "a client option") as Partial<BelvoClientOptions>;
  const { secretId, secretPassword } = options as BelvoClientOptions;
  if (secretId.includes(":"))
    throw new BelvoInputError("secretId", "must not contain a colon (HTTP basic auth cannot carry one there)");
  if (options.fetch === undefined ? typeof globalThis.fetch !== "function" : typeof options.fetch !== "function")
    throw new BelvoInputError("fetch", "must be a function (no global fetch here)");
  // The global fetch is looked up at each call, not now: a test's interceptor (msw, undici's MockAgent) may install
  // itself after the client was made.
  const fetchImplementation = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorization = basicAuthorization(secretId, secretPassword);
  return {
    baseUrl: resolveBaseUrl(options),
    authorization,
    credentials: [secretId, secretPassword, authorization.slice("Basic ".length)],
    userAgent: [options.userAgent, `belvo-openapi-client/${CLIENT_VERSION}`].filter(Boolean).join(" "),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry:
      options.retry === false
        ? false
        : {
            ...DEFAULT_RETRY_POLICY,
            ...(options.retry && ownOptions(options.retry, "retry", RETRY_RULES, "a retry option")),
          },
    fetch: fetchImplementation,
  };
}

/**
 * The call options as their own keys, refusing options that are not a plain object, carry an unknown key, or a value
 * of the wrong type. `parameters` are the keys this operation also takes there (`query`, `header`); their contents
 * are checked by the caller.
 */
export function checkCallOptions(call: unknown, parameters: readonly string[]): Record<string, unknown> | undefined {
  if (call === undefined) return undefined;
  const rules = { ...CALL_RULES, ...Object.fromEntries(parameters.map((key) => [key, CHECKED_BELOW])) };
  return ownOptions(call, "options", rules, "a call option");
}

function resolveBaseUrl({ environment, baseUrl }: Partial<BelvoClientOptions>): string {
  if (environment !== undefined && baseUrl !== undefined)
    throw new BelvoInputError("baseUrl", "give either environment or baseUrl, not both");
  if (baseUrl === undefined) {
    const name = environment === undefined ? "sandbox" : environment; // null is no environment
    if (typeof name !== "string" || !Object.hasOwn(servers, name))
      throw new BelvoInputError("environment", `must be one of ${Object.keys(servers).join(", ")}`);
    return servers[name];
  }
  if (typeof baseUrl !== "string") throw new BelvoInputError("baseUrl", "must be a string");
  // The client appends each operation's path: a query or fragment would swallow it.
  if (/[?#]/.test(baseUrl)) throw new BelvoInputError("baseUrl", "must not have a query or a fragment");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BelvoInputError("baseUrl", "must be an absolute URL");
  }
  if (url.username || url.password)
    throw new BelvoInputError("baseUrl", "must not contain credentials; use secretId and secretPassword");
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new BelvoInputError(
      "baseUrl",
      "must use https (plain http only on a loopback address): the secret travels in every request",
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** RFC 9110 field-value characters: visible ASCII, space, tab and obs-text; no CR, LF or NUL. */
function isHeaderValue(value: unknown): boolean {
  return typeof value === "string" && /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}

/** The Authorization value of HTTP basic auth. btoa takes Latin-1 only: the UTF-8 bytes go in, as RFC 7617 asks. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${btoa(asLatin1(`${user}:${password}`))}`;
}
