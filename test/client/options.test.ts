import { describe, expect, it } from "vitest";
import { servers } from "../../generated/operation-rules.js";
import { BelvoInputError, createBelvoClient } from "../../src/index.js";

const keys = { secretId: "id", secretPassword: "pw" };

async function requestedUrl(options: Record<string, unknown>): Promise<string> {
  let url = "";
  const fetch = async (input: string | URL | Request) => {
    url = String(input);
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  await createBelvoClient({ ...keys, fetch: fetch as typeof globalThis.fetch, ...options }).updateLinkCredentials(
    "30cb4806-6e00-48a4-91c9-ca55968576c8",
    { password: "p" },
  );
  return url;
}

describe("createBelvoClient options", () => {
  it("reads its options by own keys only: a polluted Object.prototype is no option", () => {
    // Restored before anything else runs: the test is synchronous.
    Object.defineProperty(Object.prototype, "retry", {
      value: 5,
      configurable: true,
      enumerable: true,
      writable: true,
    });
    try {
      expect(() => createBelvoClient({ ...keys })).not.toThrow();
    } finally {
      delete (Object.prototype as Record<string, unknown>).retry;
    }
  });

  it("reads a retry option set to undefined as absent: the default holds, and the call settles", async () => {
    let attempts = 0;
    const fetch = async () => {
      attempts++;
      return new Response("[]", { status: 503, headers: { "content-type": "application/json" } });
    };
    const retry = { retries: undefined, initialDelayMs: 1, maxDelayMs: 1 };
    const belvo = createBelvoClient({ ...keys, fetch: fetch as typeof globalThis.fetch, retry });
    const result = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", { password: "p" });
    expect(result.response.status).toBe(503);
    expect(attempts).toBe(3); // the first and the default 2 retries
  });

  it("targets the sandbox by default and production on request, with the spec's server URLs", async () => {
    expect(await requestedUrl({})).toBe(`${servers.sandbox}/api/links/30cb4806-6e00-48a4-91c9-ca55968576c8/`);
    expect(await requestedUrl({ environment: "production" })).toMatch(new RegExp(`^${servers.production}/api/links/`));
    expect(await requestedUrl({ baseUrl: "http://127.0.0.1:4010/" })).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/api\/links\//,
    );
  });

  it.each([
    ["secretId", { ...keys, secretId: "" }],
    ["secretPassword", { ...keys, secretPassword: undefined }],
    ["baseUrl", { ...keys, baseUrl: "http://api.example.com" }],
    ["baseUrl", { ...keys, baseUrl: "https://user:pw@api.example.com" }],
    ["baseUrl", { ...keys, baseUrl: "not a url" }],
    ["baseUrl", { ...keys, baseUrl: "https://api.example.com", environment: "sandbox" }],
    ["environment", { ...keys, environment: "staging" }],
    ["timeoutMs", { ...keys, timeoutMs: 0 }],
    ["timeout", { ...keys, timeout: 5_000 }],
    ["userAgent", { ...keys, userAgent: 12 }],
    ["retry", { ...keys, retry: 5 }],
    // Falsy, but not false: each was read as the default policy, 2 retries.
    ["retry", { ...keys, retry: 0 }],
    ["retry", { ...keys, retry: null }],
    ["retry", { ...keys, retry: "" }],
    ["retry", { ...keys, retry: Number.NaN }],
    // null is no environment: it was read as the sandbox.
    ["environment", { ...keys, environment: null }],
    // A lone surrogate goes out as U+FFFD, which a server's echo then shows unredacted.
    ["secretPassword", { ...keys, secretPassword: "pw\uD800tail" }],
    ["secretId", { ...keys, secretId: "\uDC00id" }],
    ["initialDelay", { ...keys, retry: { initialDelay: 0 } }],
    ["retries", { ...keys, retry: { retries: "2" } }],
    ["retries", { ...keys, retry: { retries: -1 } }],
    ["maxDelayMs", { ...keys, retry: { maxDelayMs: Number.NaN } }],
    ["onRetry", { ...keys, retry: { onRetry: "log" } }],
    // Every number within what a timer holds (2^31 - 1 ms): past it, Node fires the timer at once.
    ["timeoutMs", { ...keys, timeoutMs: 1e12 }],
    ["timeoutMs", { ...keys, timeoutMs: 2 ** 31 }],
    ["maxRetryAfterMs", { ...keys, retry: { maxRetryAfterMs: 1e13 } }],
    ["maxDelayMs", { ...keys, retry: { maxDelayMs: 2 ** 31 } }],
    ["initialDelayMs", { ...keys, retry: { initialDelayMs: Number.MAX_SAFE_INTEGER } }],
    ["retries", { ...keys, retry: { retries: 1e9 } }],
    // The paths are appended to baseUrl: a query or fragment would swallow them.
    ["baseUrl", { ...keys, baseUrl: "https://api.example.com/?a=1" }],
    ["baseUrl", { ...keys, baseUrl: "https://api.example.com#f" }],
    ["baseUrl", { ...keys, baseUrl: "http://127.0.0.1:4020/?" }],
    ["userAgent", { ...keys, userAgent: "x\r\nX-Injected: 1" }],
    ["userAgent", { ...keys, userAgent: "app\u0000" }],
    ["userAgent", { ...keys, userAgent: "app/\u{1F600}" }],
    ["secretId", { ...keys, secretId: "id:with-colon" }],
    // Own keys only: nothing on Object.prototype is an option or an environment.
    ["environment", { ...keys, environment: "constructor" }],
    ["environment", { ...keys, environment: "toString" }],
    ["options", Object.create(keys)],
    [
      "options",
      new (class Options {
        secretId = "id";
        secretPassword = "pw";
      })(),
    ],
    ["retry", { ...keys, retry: new (class Retry {})() }],
  ])("refuses a bad %s", (field, options) => {
    expect(() => createBelvoClient(options as never)).toThrow(BelvoInputError);
    expect(() => createBelvoClient(options as never)).toThrow(expect.objectContaining({ field }));
    // Said at construction: no call was made, so "nothing was sent" would read as if one had been.
    expect(() => createBelvoClient(options as never)).toThrow(/\. No client was made\.$/);
  });

  it("names the option a misspelt key most likely meant, as the body checks do (one checker for every closed set)", () => {
    expect(() => createBelvoClient({ ...keys, timeout_ms: 5_000 } as never)).toThrow(
      'Invalid "timeout_ms": is not a client option (did you mean "timeoutMs"?); they are: secretId',
    );
    expect(() => createBelvoClient({ ...keys, retry: { initial_delay_ms: 1 } } as never)).toThrow(
      'did you mean "initialDelayMs"?',
    );
    // A typo or two, or a name cut short: still named.
    expect(() => createBelvoClient({ ...keys, retry: { retires: 1 } } as never)).toThrow('did you mean "retries"?');
    expect(() => createBelvoClient({ ...keys, timeout: 5_000 } as never)).toThrow('did you mean "timeoutMs"?');
    expect(() => createBelvoClient({ ...keys, secretPasword: "pw" } as never)).toThrow(
      'did you mean "secretPassword"?',
    );
    // Nothing close: no guess, nor a name that merely begins or ends the same.
    expect(() => createBelvoClient({ ...keys, region: "br" } as never)).toThrow(/is not a client option; they are/);
    expect(() => createBelvoClient({ ...keys, fetchOptions: {} } as never)).toThrow(/is not a client option; they/);
    expect(() => createBelvoClient({ ...keys, retry: { retry: 3 } } as never)).toThrow(/is not a retry option; they/);
  });
});
