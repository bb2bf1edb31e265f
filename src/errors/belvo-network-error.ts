import { noRedaction } from "../redact.js";
import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/**
 * The connection failed: `phase` "request" before any response (retried, unless the request carries an MFA
 * token), "response" while the body was arriving (never retried: Belvo may already have acted).
 */
export class BelvoNetworkError extends BelvoClientError {
  override readonly name = "BelvoNetworkError";

  constructor(
    readonly phase: "request" | "response",
    context: ErrorContext,
  ) {
    const redact = context.redact ?? noRedaction;
    const cause = context.cause instanceof Error ? `: ${redact(describeCause(context.cause))}` : "";
    super(
      `${context.request} failed: ${phase === "request" ? "no response (the connection could not be made, or was lost)" : "the connection was lost while reading the response"}${cause}`,
      context,
    );
  }
}

// undici wraps the socket error ("ECONNREFUSED", "other side closed") one level down.
function describeCause(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return [error.message, inner?.message, typeof code === "string" ? code : undefined]
    .filter((part, index, all) => part && all.indexOf(part) === index)
    .join(" / ");
}
