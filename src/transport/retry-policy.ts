// When to retry and how long to wait: Belvo's guidance (5xx with exponential backoff from 3 s; 429 after its
// Retry-After; never other 4xx) plus one hard rule: a request carrying a single-use MFA token is never re-sent.
import type { RetryPolicy } from "../options.js";

/** Capped exponential backoff (×2 per attempt) with ±20% jitter, so clients do not retry in step. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.min(policy.maxDelayMs, Math.round(nominal * (0.8 + 0.4 * random())));
}

/**
 * Retry-After in ms: delta-seconds or an HTTP date (which names a month: `Date.parse` alone would read "-5" or "1.5"
 * as dates long past, and retry at once); undefined when absent or unreadable, so the backoff applies.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryQuestion {
  attempt: number;
  carriesSingleUseToken: boolean;
  /** The response's status and Retry-After header; both absent for a connection failure before any response. */
  status?: number;
  retryAfter?: string | null;
  now?: number;
  random?: () => number;
}

/** The wait before the next attempt, or undefined when this outcome must not be retried. */
export function retryDelay(policy: RetryPolicy | false, question: RetryQuestion): number | undefined {
  if (policy === false || question.carriesSingleUseToken || question.attempt > policy.retries) return undefined;
  const { status } = question;
  if (status !== undefined && status !== 429 && status < 500) return undefined;
  if (status === 429) {
    const asked = parseRetryAfter(question.retryAfter ?? null, question.now);
    if (asked !== undefined) return asked <= policy.maxRetryAfterMs ? asked : undefined;
  }
  return backoffDelay(policy, question.attempt, question.random);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
