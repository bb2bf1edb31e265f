// The 428 token_required flow: read the challenge off a result, and check it before resuming.
import { isTokenRequired } from "../generated/error-guards.js";
import type { TokenGenerationData, TokenRequiredError } from "../generated/schema.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import type { BelvoResult, OperationId } from "./types.js";

/** What a 428 asks for, in the form the resume calls take. Plain data: it survives JSON.stringify/parse. */
export interface TokenChallenge {
  /** The call that answered 428. */
  operation: OperationId;
  session: string;
  link: string;
  /** When the session expires: the 428's arrival plus its `expiry` seconds (undefined if Belvo sent none). */
  expiresAt: Date | undefined;
  /** False when the user confirms on another device or scans a QR code: resume without a token then. */
  expectsUserInput: boolean;
  /** What to show the user so they can produce the token. */
  tokenGenerationData: TokenGenerationData | undefined;
  requestId: string | undefined;
}

/** The challenge of a 428 result, or undefined for any other result. Never throws. */
export function tokenChallenge(result: BelvoResult<OperationId> | undefined): TokenChallenge | undefined {
  if (result?.response?.status !== 428 || !isTokenRequired(result.error)) return undefined;
  // Typed as the 428's items whatever the operation (one without a documented 428 answers one too, if ever).
  const items: readonly TokenRequiredError[] = result.error;
  const challenge = items.find((item) => typeof item?.session === "string" && typeof item?.link === "string");
  if (!challenge) return undefined;
  const expiry = challenge.expiry;
  return {
    operation: result.operation,
    session: challenge.session!,
    link: challenge.link!,
    expiresAt: Number.isFinite(expiry) ? new Date(result.receivedAt + expiry! * 1000) : undefined,
    expectsUserInput: challenge.token_generation_data?.expects_user_input !== false,
    tokenGenerationData: challenge.token_generation_data,
    requestId: challenge.request_id ?? result.requestId,
  };
}

/**
 * Refuses, before anything is sent, a challenge that has expired or a missing token the user must type.
 * Accepts a challenge that went through JSON (expiresAt as a string).
 */
export function checkChallenge(challenge: TokenChallenge, token: string | undefined, now = Date.now()): void {
  if (typeof challenge !== "object" || challenge === null)
    throw new BelvoInputError("challenge", "must be the object tokenChallenge() returned");
  if (challenge.expiresAt !== undefined) {
    const expiresAt = new Date(challenge.expiresAt).getTime();
    if (Number.isNaN(expiresAt)) throw new BelvoInputError("challenge", "has an unreadable expiresAt");
    if (now >= expiresAt) {
      throw new BelvoInputError(
        "challenge",
        `expired at ${new Date(expiresAt).toISOString()}; start the request again`,
      );
    }
  }
  if (token === undefined && challenge.expectsUserInput !== false) {
    throw new BelvoInputError("token", "is required: this challenge expects the user to type a token");
  }
}
