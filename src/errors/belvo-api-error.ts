import type { BelvoError } from "../../generated/schema.js";
import { noRedaction, redactJson } from "../redact.js";
import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/**
 * Belvo answered with an error status; thrown by `unwrap()`. Its `errors` are the result's error list with the call's
 * secrets redacted (the result's `error` keeps the server's bytes).
 */
export class BelvoApiError extends BelvoClientError {
  override readonly name = "BelvoApiError";
  /** Every `code` of the error list, in order (an open set: expect codes you do not know). */
  readonly codes: string[];
  readonly errors: readonly BelvoError[];

  constructor(
    readonly status: number,
    errors: readonly BelvoError[],
    context: ErrorContext,
  ) {
    const redacted = redactJson(errors, context.redact ?? noRedaction) as readonly BelvoError[];
    const codes = redacted.map((error) => error?.code).filter((code): code is string => typeof code === "string");
    const described = codes.length ? codes.join(", ") : "no error code";
    const requestId = context.requestId && (context.redact ?? noRedaction)(context.requestId);
    const id = requestId ? `, request id ${requestId}` : "";
    super(`${context.request} failed with HTTP ${status} (${described})${id}`, context);
    this.codes = codes;
    this.errors = redacted;
  }
}
