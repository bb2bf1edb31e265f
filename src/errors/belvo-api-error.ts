import type { BelvoError } from "../../generated/schema.js";
import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/** Belvo answered with an error status; thrown by `unwrap()`. */
export class BelvoApiError extends BelvoClientError {
  override readonly name = "BelvoApiError";
  /** Every `code` of the error list, in order (an open set: expect codes you do not know). */
  readonly codes: string[];

  constructor(
    readonly status: number,
    readonly errors: readonly BelvoError[],
    context: ErrorContext,
  ) {
    const codes = errors.map((error) => error?.code).filter((code): code is string => typeof code === "string");
    const described = codes.length ? codes.join(", ") : "no error code";
    const id = context.requestId ? `, request id ${context.requestId}` : "";
    super(`${context.request} failed with HTTP ${status} (${described})${id}`, context);
    this.codes = codes;
  }
}
