import { BelvoClientError } from "./belvo-client-error.js";

/** Belvo (or something in between, such as a proxy's HTML 502 page) sent a body that is not what the spec says. */
export class BelvoMalformedResponseError extends BelvoClientError {
  override readonly name = "BelvoMalformedResponseError";

  constructor(
    readonly request: string,
    readonly status: number,
    readonly reason: string,
    options: { requestId?: string | undefined; cause?: unknown } = {},
  ) {
    super(`${request} got HTTP ${status} with a body that is not what the spec says: ${reason}`, options);
  }
}
