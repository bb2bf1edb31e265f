import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../../src/options.js";
import { backoffDelay, parseRetryAfter, retryDelay, type RetryQuestion } from "../../src/transport/retry-policy.js";

const policy = DEFAULT_RETRY_POLICY;
const ask = (overrides: Partial<RetryQuestion>): RetryQuestion => ({
  attempt: 1,
  carriesSingleUseToken: false,
  status: 503,
  retryAfter: null,
  random: () => 0.5,
  ...overrides,
});

describe("retry policy", () => {
  it("defaults to 2 retries with a first wait of 3 s, doubling, within ±20% jitter", () => {
    expect(policy).toMatchObject({ retries: 2, initialDelayMs: 3000 });
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(3000);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(6000);
    expect(backoffDelay(policy, 1, () => 0)).toBe(2400);
    expect(backoffDelay(policy, 1, () => 1)).toBe(3600);
    expect(backoffDelay(policy, 10, () => 1)).toBe(policy.maxDelayMs);
  });

  it("retries 5xx, 429 and connection failures, up to the retry count", () => {
    expect(retryDelay(policy, ask({ status: 500 }))).toBe(3000);
    expect(retryDelay(policy, ask({ status: 503, attempt: 2 }))).toBe(6000);
    expect(retryDelay(policy, ask({ status: 429 }))).toBe(3000);
    expect(retryDelay(policy, ask({ status: undefined }))).toBe(3000);
    expect(retryDelay(policy, ask({ status: 500, attempt: 3 }))).toBeUndefined();
  });

  it("never retries other 4xx (428 included), nor anything when retry is off", () => {
    for (const status of [400, 401, 403, 404, 408, 428]) expect(retryDelay(policy, ask({ status }))).toBeUndefined();
    expect(retryDelay(false, ask({ status: 503 }))).toBeUndefined();
  });

  it("never retries a request that carries an MFA token, whatever happened", () => {
    for (const status of [undefined, 429, 500, 502, 503]) {
      expect(retryDelay(policy, ask({ status, carriesSingleUseToken: true }))).toBeUndefined();
    }
  });

  it("honours Retry-After in seconds or as an HTTP date, and gives up past the cap", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    for (const unreadable of ["-5", "1.5", "", " ", "+7"]) expect(parseRetryAfter(unreadable, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(retryDelay(policy, ask({ status: 429, retryAfter: "7", now }))).toBe(7000);
    expect(retryDelay(policy, ask({ status: 429, retryAfter: "61", now }))).toBeUndefined();
    expect(retryDelay(policy, ask({ status: 429, retryAfter: "Sun, 22 Nov 2026 10:00:05 GMT", now }))).toBe(5000);
  });
});
