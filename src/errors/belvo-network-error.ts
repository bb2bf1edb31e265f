import { BelvoClientError } from "./belvo-client-error.js";

/**
 * The connection failed: `phase` "request" before any response (retried, unless the request carries an MFA
 * token), "response" while the body was arriving (never retried: Belvo may already have acted).
 */
export class BelvoNetworkError extends BelvoClientError {
  override readonly name = "BelvoNetworkError";

  constructor(
    readonly request: string,
    readonly phase: "request" | "response",
    options: { requestId?: string | undefined; cause?: unknown } = {},
  ) {
    const cause = options.cause instanceof Error ? `: ${describeCause(options.cause)}` : "";
    super(
      `${request} failed: connection lost ${phase === "request" ? "before a response" : "while reading the response"}${cause}`,
      options,
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
