import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/**
 * Belvo (or something in between, such as a proxy's HTML 502 page) sent an answer that is not what the spec says: a
 * body of the wrong kind, or a status outside 200–599.
 */
export class BelvoMalformedResponseError extends BelvoClientError {
  override readonly name = "BelvoMalformedResponseError";

  /** Ours, with anything quoted from the answer (its content type) already redacted. */
  constructor(
    readonly status: number,
    readonly reason: string,
    context: ErrorContext,
  ) {
    super(`${context.request} got HTTP ${status}, not what the spec says: ${reason}`, context);
  }
}
