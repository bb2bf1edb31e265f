import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/** Belvo (or something in between, such as a proxy's HTML 502 page) sent a body that is not what the spec says. */
export class BelvoMalformedResponseError extends BelvoClientError {
  override readonly name = "BelvoMalformedResponseError";

  constructor(
    readonly status: number,
    readonly reason: string,
    context: ErrorContext,
  ) {
    super(`${context.request} got HTTP ${status} with a body that is not what the spec says: ${reason}`, context);
  }
}
