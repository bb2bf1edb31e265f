// Same brand across realms and bundled copies: `instanceof` alone fails there (ky's lesson).
const BRAND = Symbol.for("belvo-openapi-client.error");

/** Base of every error this client throws. Its fields never hold a secret, a password or a token. */
export abstract class BelvoClientError extends Error {
  readonly [BRAND] = true;
  /** Belvo's request id, when the server sent one: quote it to Belvo support. */
  readonly requestId: string | undefined;

  constructor(message: string, options: { requestId?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.requestId = options.requestId;
  }

  /** What `JSON.stringify(error)` shows: the public fields, and the cause's message only. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== "cause") fields[key] = value;
    if (this.cause instanceof Error) fields.cause = { name: this.cause.name, message: this.cause.message };
    return fields;
  }
}

/** True for any error this client threw, even from another realm or another copy of the package. */
export function isBelvoClientError(value: unknown): value is BelvoClientError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
