import { BelvoClientError } from "./belvo-client-error.js";

/** A value was refused before anything was sent. Names the field; never echoes the value. */
export class BelvoInputError extends BelvoClientError {
  override readonly name = "BelvoInputError";

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid "${field}": ${reason}. Nothing was sent.`, {});
  }
}
