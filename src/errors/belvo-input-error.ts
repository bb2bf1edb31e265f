import { BelvoClientError } from "./belvo-client-error.js";

/**
 * A value was refused before anything was sent. Names the field; never echoes the value. `outcome` says what did not
 * happen: a call refused sent nothing, options refused made no client.
 */
export class BelvoInputError extends BelvoClientError {
  override readonly name = "BelvoInputError";

  constructor(
    readonly field: string,
    readonly reason: string,
    outcome = "Nothing was sent",
  ) {
    super(`Invalid "${field}": ${reason}. ${outcome}.`, {});
  }
}
