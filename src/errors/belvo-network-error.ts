import { noRedaction, readProperty, safeCause } from "../redact.js";
import { BelvoClientError, type ErrorContext } from "./belvo-client-error.js";

/**
 * The connection failed: `phase` "request" before any response (retried, unless the request carries an MFA
 * token or the host name does not exist), "response" while the body was arriving (never retried: Belvo may already
 * have acted).
 */
export class BelvoNetworkError extends BelvoClientError {
  override readonly name = "BelvoNetworkError";

  constructor(
    readonly phase: "request" | "response",
    context: ErrorContext,
  ) {
    // Described from the redacted copy the error keeps, whose fields cannot throw when read.
    const copy = safeCause(context.cause, context.redact ?? noRedaction);
    const described = copy instanceof Error ? describeCause(copy) : "";
    const cause = described && `: ${described}`;
    const unknownHost = unknownHostCode(context.cause);
    const what =
      phase === "response"
        ? "the connection was lost while reading the response"
        : unknownHost
          ? `the host name does not resolve (${unknownHost}; not retried: a name that does not exist does not heal)`
          : "no response (the connection could not be made, or was lost)";
    super(`${context.request} failed: ${what}${cause}`, context);
  }
}

/**
 * The resolver's answer that a host name does not exist (`ENOTFOUND`, or `EAI_NONAME` where getaddrinfo's own code
 * shows), anywhere in a fetch failure's causes; undefined otherwise. `EAI_AGAIN`, a resolver that did not answer
 * in time, is not one: it may heal.
 */
export function unknownHostCode(error: unknown): string | undefined {
  return causeChain(error).find(({ code }) => code === "ENOTFOUND" || code === "EAI_NONAME")?.code;
}

/**
 * An error and its causes, five levels down, each as its string `code` and `message` (absent when not strings): where
 * fetch and undici say what failed (a custom fetch's causes may be plain objects; a getter that throws reads as
 * nothing).
 */
export function causeChain(error: unknown): Array<{ code?: string; message?: string }> {
  const chain: Array<{ code?: string; message?: string }> = [];
  for (let level = 0; typeof error === "object" && error !== null && level < 5; level++) {
    const code = readProperty(error, "code");
    const message = readProperty(error, "message");
    chain.push({
      ...(typeof code === "string" && { code }),
      ...(typeof message === "string" && { message }),
    });
    error = readProperty(error, "cause");
  }
  return chain;
}

// undici wraps the socket error ("ECONNREFUSED", "other side closed") one level down.
function describeCause(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return [error.message, inner?.message, typeof code === "string" ? code : undefined]
    .filter((part, index, all) => part && all.indexOf(part) === index)
    .join(" / ");
}
