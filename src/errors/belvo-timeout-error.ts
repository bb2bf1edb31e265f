import { BelvoClientError } from "./belvo-client-error.js";

/** No complete response within the per-attempt timeout. Not retried: the server may have acted on it. */
export class BelvoTimeoutError extends BelvoClientError {
  override readonly name = "BelvoTimeoutError";

  constructor(
    readonly request: string,
    readonly timeoutMs: number,
    options: { requestId?: string | undefined; cause?: unknown } = {},
  ) {
    super(`${request} timed out after ${timeoutMs} ms`, options);
  }
}
