// Same brand across realms and bundled copies: `instanceof` alone fails there (ky's lesson).
const BRAND = Symbol.for("belvo-openapi-client.error");

/** What every error of this client carries besides its message. */
export interface ErrorContext {
  /** `METHOD /path` of the request as sent (no host, no query); undefined when nothing was sent. */
  request?: string | undefined;
  /** Belvo's request id, when the server sent one. */
  requestId?: string | undefined;
  /** The error underneath (a socket error, a JSON SyntaxError), if any. */
  cause?: unknown;
}

/** Base of every error this client throws. Its fields never hold a secret, a password or a token. */
export abstract class BelvoClientError extends Error {
  readonly [BRAND] = true;
  /** `METHOD /path` of the request as sent (no host, no query); undefined when nothing was sent. */
  readonly request: string | undefined;
  /** Belvo's request id, when the server sent one: quote it to Belvo support. */
  readonly requestId: string | undefined;
  declare readonly cause: unknown;

  constructor(message: string, { request, requestId, cause }: ErrorContext) {
    super(message, { cause });
    this.request = request;
    this.requestId = requestId;
  }

  /** What `JSON.stringify(error)` shows: the public fields, and the cause's message only. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== "cause") fields[key] = value;
    fields.cause = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : undefined;
    return fields;
  }
}

/** True for any error this client threw, even from another realm or another copy of the package. */
export function isBelvoClientError(value: unknown): value is BelvoClientError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
