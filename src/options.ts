// Resolves createBelvoClient's options into transport settings. Secrets go into the Authorization value once.
import { servers } from "../generated/operation-rules.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { isPlainObject } from "./input/check-input.js";
import { DEFAULT_RETRY_POLICY, type RetryOptions, type RetryPolicy } from "./transport/retry-policy.js";
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

export const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface ResolvedOptions {
  baseUrl: string;
  authorization: string;
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy | false;
  fetch: typeof globalThis.fetch;
}

// The keys of BelvoClientOptions, as values: `satisfies` keeps the list equal to the type's keys.
const CLIENT_OPTIONS = Object.keys({
  secretId: 1,
  secretPassword: 1,
  environment: 1,
  baseUrl: 1,
  timeoutMs: 1,
  retry: 1,
  userAgent: 1,
  fetch: 1,
} satisfies Record<keyof BelvoClientOptions, 1>);
const milliseconds = (value: unknown) => Number.isFinite(value) && (value as number) >= 0;
/** What each retry option must be, and the reason a wrong value is refused with. */
const RETRY_RULES: Record<keyof RetryOptions, [check: (value: unknown) => boolean, reason: string]> = {
  retries: [(value) => Number.isInteger(value) && (value as number) >= 0, "must be a whole number, 0 or more"],
  initialDelayMs: [milliseconds, "must be a number of milliseconds, 0 or more"],
  maxDelayMs: [milliseconds, "must be a number of milliseconds, 0 or more"],
  maxRetryAfterMs: [milliseconds, "must be a number of milliseconds, 0 or more"],
  onRetry: [(value) => typeof value === "function", "must be a function"],
};

/** Refuses a key not in `known`, so that a misspelt option is never dropped silently. */
function refuseUnknownKeys(value: object, known: readonly string[], what: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new BelvoInputError(unknown, `is not ${what}; they are: ${known.join(", ")}`);
}

export function resolveOptions(options: BelvoClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new BelvoInputError("options", "must be an object");
  refuseUnknownKeys(options, CLIENT_OPTIONS, "a client option");
  requireText("secretId", options.secretId);
  requireText("secretPassword", options.secretPassword);
  if (options.userAgent !== undefined && typeof options.userAgent !== "string")
    throw new BelvoInputError("userAgent", "must be a string");
  if (options.fetch === undefined ? typeof globalThis.fetch !== "function" : typeof options.fetch !== "function")
    throw new BelvoInputError("fetch", "must be a function (no global fetch here)");
  // The global fetch is looked up at each call, not now: a test's interceptor (msw, undici's MockAgent) may install
  // itself after the client was made.
  const fetchImplementation = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    baseUrl: resolveBaseUrl(options),
    authorization: basicAuthorization(options.secretId, options.secretPassword),
    userAgent: [options.userAgent, `belvo-openapi-client/${CLIENT_VERSION}`].filter(Boolean).join(" "),
    timeoutMs: checkTimeout("timeoutMs", options.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    retry: options.retry === false ? false : { ...DEFAULT_RETRY_POLICY, ...checkRetry(options.retry) },
    fetch: fetchImplementation,
  };
}

function checkRetry(retry: RetryOptions | undefined): RetryOptions | undefined {
  if (retry === undefined) return undefined;
  if (!isPlainObject(retry)) throw new BelvoInputError("retry", "must be an object of retry options, or false");
  refuseUnknownKeys(retry, Object.keys(RETRY_RULES), "a retry option");
  for (const [key, [check, reason]] of Object.entries(RETRY_RULES)) {
    const value = retry[key as keyof RetryOptions];
    if (value !== undefined && !check(value)) throw new BelvoInputError(key, reason);
  }
  return retry;
}

export function checkTimeout(field: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new BelvoInputError(field, "must be a positive number of milliseconds");
  }
  return value;
}

const CALL_OPTIONS = ["signal", "timeoutMs"] as const;

/**
 * Refuses call options that are not an object, carry an unknown key, or a value of the wrong type. `parameters`
 * are the keys this operation also takes there (`query`, `header`); their contents are checked by the caller.
 */
export function checkCallOptions(call: unknown, parameters: readonly string[]): void {
  if (call === undefined) return;
  if (!isPlainObject(call)) throw new BelvoInputError("options", "must be an object");
  for (const key of Object.keys(call)) {
    if (!(CALL_OPTIONS as readonly string[]).includes(key) && !parameters.includes(key)) {
      const known = [...CALL_OPTIONS, ...parameters].join(", ");
      throw new BelvoInputError(key, `is not a call option; the call options: ${known}`);
    }
  }
  checkTimeout("timeoutMs", call.timeoutMs as number | undefined);
  const signal = call.signal as AbortSignal | undefined;
  if (signal !== undefined && typeof signal?.addEventListener !== "function")
    throw new BelvoInputError("signal", "must be an AbortSignal");
}

function resolveBaseUrl({ environment, baseUrl }: BelvoClientOptions): string {
  if (environment !== undefined && baseUrl !== undefined)
    throw new BelvoInputError("baseUrl", "give either environment or baseUrl, not both");
  if (baseUrl === undefined) {
    const server = servers[environment ?? "sandbox"];
    if (!server) throw new BelvoInputError("environment", `must be one of ${Object.keys(servers).join(", ")}`);
    return server;
  }
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

function requireText(field: string, value: unknown): void {
  if (typeof value !== "string" || value === "") throw new BelvoInputError(field, "must be a non-empty string");
}

/** The Authorization value of HTTP basic auth. btoa takes Latin-1 only: the UTF-8 bytes go in, as RFC 7617 asks. */
export function basicAuthorization(user: string, password: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
