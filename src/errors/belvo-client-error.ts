import { noRedaction, redactJson, safeCause, type Redact } from "../redact.js";

// Same brand across realms and bundled copies: `instanceof` alone fails there (ky's lesson).
const BRAND = Symbol.for("belvo-openapi-client.error");

/** What every error of this client carries besides its message. */
export interface ErrorContext {
  /** `METHOD /path` of the request as sent (no host, no query); undefined when nothing was sent. */
  request?: string | undefined;
  /** Belvo's request id, when the server sent one. */
  requestId?: string | undefined;
  /** The error underneath (a socket error), if any: kept as a redacted copy (see safeCause). */
  cause?: unknown;
  /**
   * Hides the call's secrets in what came from outside (see redact.ts): the request id and the cause here; a
   * subclass applies it to what else it shows of the server's answer.
   */
  redact?: Redact;
}

/**
 * Base of every error this client throws. Its message, fields and cause never hold the call's secrets, even where
 * the server echoed them: what came from the server or the socket passes through the context's `redact`.
 */
export abstract class BelvoClientError extends Error {
  readonly [BRAND] = true;
  /** `METHOD /path` of the request as sent (no host, no query); undefined when nothing was sent. */
  readonly request: string | undefined;
  /** Belvo's request id, when the server sent one: quote it to Belvo support. */
  readonly requestId: string | undefined;
  declare readonly cause: unknown;

  constructor(message: string, { request, requestId, cause, redact = noRedaction }: ErrorContext) {
    super(message, { cause: safeCause(cause, redact) });
    this.request = request;
    this.requestId = requestId === undefined ? undefined : redact(requestId);
  }

  /** What `JSON.stringify(error)` shows: the public fields, and the cause's message only. Never throws. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== "cause") fields[key] = redactJson(value, noRedaction);
    fields.cause = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : undefined;
    return fields;
  }
}

/** True for any error this client threw, even from another realm or another copy of the package. */
export function isBelvoClientError(value: unknown): value is BelvoClientError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
