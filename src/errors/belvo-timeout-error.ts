import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/** No complete response within the per-attempt timeout. Not retried: the server may have acted on it. */
export class BelvoTimeoutError extends BelvoClientError {
  override readonly name = "BelvoTimeoutError";

  constructor(
    readonly timeoutMs: number,
    context: ErrorContext,
  ) {
    super(`${context.request} timed out after ${timeoutMs} ms`, context);
  }
}
