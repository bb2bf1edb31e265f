// The 428 token_required flow: read the challenge off a result of any operation, check it, and resume the owners
// request or the link update with it.
import { isTokenRequired } from "../generated/error-guards.js";
import type {
  LinksPutRequest,
  operations,
  PatchBody,
  TokenGenerationData,
  TokenRequiredError,
} from "../generated/schema.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { isPlainObject } from "./input/check-input.js";
import type { BelvoResult, CallOptions, CallOptionsOf, OperationId, OperationMethods } from "./operation-types.js";

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

/** The query of PATCH /api/owners/ (`fields`, `omit`), under the spec's names. */
export type OwnersQuery = NonNullable<operations["completeOwnersRequest"]["parameters"]["query"]>;
/** The call options of the owners request: `signal`, `timeoutMs` and its `query`. */
export type OwnersCallOptions = CallOptionsOf<"completeOwnersRequest">;
/** What a resumed owners request sends besides the challenge's `session` and `link` and the token. */
export type ResumeOwnersBody = Omit<PatchBody, "session" | "link" | "token">;
/** What a resumed link update sends besides the token. */
export type ResumeLinkBody = Omit<LinksPutRequest, "token">;

/** The client's methods that finish a 428: domain code on top of the operation methods. */
export interface ResumeMethods {
  /** Completes the owners request a 428 challenge paused; refuses an expired challenge before sending. */
  resumeOwnersRequest(
    challenge: TokenChallenge,
    token: string | undefined,
    body?: ResumeOwnersBody,
    options?: OwnersCallOptions,
  ): Promise<BelvoResult<"completeOwnersRequest">>;
  /** Sends the link's credentials again with the token, as Belvo documents for a 428 on PUT /api/links/{id}/. */
  resumeLinkUpdate(
    challenge: TokenChallenge,
    token: string | undefined,
    body: ResumeLinkBody,
    options?: CallOptions,
  ): Promise<BelvoResult<"updateLinkCredentials">>;
}

/** Refuses a body that is no object, or that holds a field the challenge or the token argument fills in. */
function checkResumeBody(body: unknown, filledIn: readonly string[]): void {
  if (!isPlainObject(body)) throw new BelvoInputError("body", "must be an object");
  for (const field of filledIn)
    if (field in body) throw new BelvoInputError(field, "comes from the challenge or the token argument");
}

export function resumeMethods(
  methods: Pick<OperationMethods, "completeOwnersRequest" | "updateLinkCredentials">,
): ResumeMethods {
  // The rest of each body is checked on the operation's own call path, before anything is sent.
  return {
    async resumeOwnersRequest(challenge, token, body = {}, options) {
      checkChallenge(challenge, token);
      checkResumeBody(body, ["session", "link", "token"]);
      const { session, link } = challenge;
      return methods.completeOwnersRequest({ ...body, session, link, token }, options);
    },
    async resumeLinkUpdate(challenge, token, body, options) {
      checkChallenge(challenge, token);
      checkResumeBody(body, ["token"]);
      return methods.updateLinkCredentials(challenge.link, { ...body, token } as LinksPutRequest, options);
    },
  };
}
