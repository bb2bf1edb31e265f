// The 428 token_required flow: read the challenge off a result of any operation, check it, and resume the owners
// request or the link update with it.
import { isTokenRequired } from "../generated/error-guards.js";
import { operationRules } from "../generated/operation-rules.js";
import type {
  LinksPutRequest,
  operations,
  PatchBody,
  TokenGenerationData,
  TokenRequiredError,
} from "../generated/schema.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { checkObject, isPlainObject, plainCopy, ruleProblem } from "./input/check-input.js";
import { fieldProblem, optional, type FieldCheck } from "./input/closed-fields.js";
import type {
  AnyResult,
  BelvoResult,
  CallOptions,
  CallOptionsOf,
  OperationId,
  OperationMethods,
} from "./operation-types.js";

/**
 * What a 428 asks for, in the form the resume calls take. JSON through and through: what `JSON.parse` gives back
 * from `JSON.stringify(challenge)` is a TokenChallenge again, so a challenge can be stored between two page views
 * (check a stored one with `parseTokenChallenge`).
 */
export interface TokenChallenge {
  /** The call that answered 428. */
  operation: OperationId;
  session: string;
  link: string;
  /** When the session expires, as an ISO 8601 string: the 428's arrival plus its `expiry` seconds (absent if none). */
  expiresAt?: string;
  /** False when the user confirms on another device or scans a QR code: resume without a token then. */
  expectsUserInput: boolean;
  /** What to show the user so they can produce the token. */
  tokenGenerationData?: TokenGenerationData;
  requestId?: string;
}

/** The challenge of a 428 result, or undefined for any other result. Never throws. */
export function tokenChallenge(result: AnyResult | undefined): TokenChallenge | undefined {
  if (result?.response?.status !== 428 || !isTokenRequired(result.error)) return undefined;
  // Typed as the 428's items whatever the operation (one without a documented 428 answers one too, if ever).
  const items: readonly TokenRequiredError[] = result.error;
  const challenge = items.find((item) => typeof item?.session === "string" && typeof item?.link === "string");
  if (!challenge) return undefined;
  const { expiry, token_generation_data: tokenGenerationData } = challenge;
  const requestId = challenge.request_id ?? result.requestId;
  // An expiry past what a Date can hold (or not a number) gives no expiresAt, rather than a RangeError.
  const expiresAt = Number.isFinite(expiry) ? new Date(result.receivedAt + expiry! * 1000) : undefined;
  return {
    operation: result.operation,
    session: challenge.session!,
    link: challenge.link!,
    ...(expiresAt && !Number.isNaN(expiresAt.getTime()) && { expiresAt: expiresAt.toISOString() }),
    expectsUserInput: tokenGenerationData?.expects_user_input !== false,
    ...(isPlainObject(tokenGenerationData) && { tokenGenerationData }),
    ...(requestId !== undefined && { requestId }),
  };
}

const isString = (value: unknown) => typeof value === "string";

/** What each field of a stored challenge must be: the keys are TokenChallenge's, no more and no fewer. */
const CHALLENGE_FIELDS: Record<keyof TokenChallenge, FieldCheck> = {
  operation: [
    (value) => isString(value) && Object.hasOwn(operationRules, value as string),
    "must be an operation of the spec",
  ],
  session: [isString, "must be a string"],
  link: [isString, "must be a string"],
  expiresAt: [
    optional((value) => isString(value) && !Number.isNaN(Date.parse(value as string))),
    "must be an ISO 8601 date",
  ],
  expectsUserInput: [(value) => typeof value === "boolean", "must be a boolean"],
  tokenGenerationData: [optional(isPlainObject), "must be an object"],
  requestId: [optional(isString), "must be a string"],
};

/**
 * A stored challenge (the object `JSON.parse` gave back, or the JSON text itself), checked and returned as a
 * TokenChallenge. Anything else throws a BelvoInputError for `challenge` that names the key at fault.
 */
export function parseTokenChallenge(stored: unknown): TokenChallenge {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      throw new BelvoInputError("challenge", "is not JSON");
    }
  }
  if (!isPlainObject(value)) throw new BelvoInputError("challenge", "must be the object tokenChallenge() returned");
  const problem = fieldProblem(value, CHALLENGE_FIELDS, "a field of a challenge");
  if (problem?.reason.startsWith("is not"))
    throw new BelvoInputError("challenge", `has \`${problem.key}\`, which ${problem.reason}`);
  if (problem) throw new BelvoInputError("challenge", `has no valid \`${problem.key}\` (${problem.reason})`);
  // What it carries on to PATCH /api/owners/ keeps that body's rules: a stored challenge altered since is refused as
  // the challenge (start again), not later as a field of the body.
  for (const key of ["session", "link"] as const) {
    const broken = ruleProblem(value[key], operationRules.completeOwnersRequest.body.properties[key]!);
    if (broken) throw new BelvoInputError("challenge", `has no valid \`${key}\` (${broken.reason})`);
  }
  return value as unknown as TokenChallenge;
}

/**
 * Refuses, before anything is sent, a challenge that is malformed or has expired, or a missing token the user must
 * type.
 */
export function checkChallenge(challenge: unknown, token: string | undefined, now = Date.now()): TokenChallenge {
  const checked = parseTokenChallenge(challenge);
  if (checked.expiresAt !== undefined && now >= Date.parse(checked.expiresAt)) {
    throw new BelvoInputError("challenge", `expired at ${checked.expiresAt}; start the request again`);
  }
  if (token === undefined && checked.expectsUserInput) {
    throw new BelvoInputError("token", "is required: this challenge expects the user to type a token");
  }
  return checked;
}

/** The query of PATCH /api/owners/ (`fields`, `omit`), under the spec's names. */
export type OwnersQuery = NonNullable<operations["completeOwnersRequest"]["parameters"]["query"]>;
/** The call options of the owners request: `signal`, `timeoutMs` and its `query`. */
export type OwnersCallOptions = CallOptionsOf<"completeOwnersRequest">;
/**
 * What a resumed owners request sends besides the challenge's `session` and `link` and the token. `save_data` is
 * required here: Belvo saves the owners when the PATCH leaves it out, whatever the request that met the 428 asked.
 */
export type ResumeOwnersBody = Omit<PatchBody, "session" | "link" | "token"> & Required<Pick<PatchBody, "save_data">>;
/** What a resumed link update sends besides the token. */
export type ResumeLinkBody = Omit<LinksPutRequest, "token">;

/** The client's methods that finish a 428: domain code on top of the operation methods. */
export interface ResumeMethods {
  /**
   * Completes the owners request a 428 challenge paused, saving the owners or not as `body.save_data` says; refuses an
   * expired challenge before sending.
   */
  resumeOwnersRequest(
    challenge: TokenChallenge,
    token: string | undefined,
    body: ResumeOwnersBody,
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

/**
 * A plain copy of the body (see plainCopy), refusing one that is no object, or that holds a field the challenge or
 * the token argument fills in.
 */
function checkResumeBody(body: unknown, filledIn: readonly string[]): Record<string, unknown> {
  const copy = plainCopy(body, "body");
  if (!isPlainObject(copy)) throw new BelvoInputError("body", "must be an object");
  for (const field of filledIn)
    if (Object.hasOwn(copy, field)) throw new BelvoInputError(field, "comes from the challenge or the token argument");
  return copy;
}

/** What the owners resume fills in itself, from the challenge and the token argument. */
const OWNERS_FILLED_IN = ["session", "link", "token"];
/** The PATCH body's fields the caller gives a resume (a misspelt one is named before a missing `save_data`). */
const RESUME_OWNERS_RULES = {
  required: [],
  properties: Object.fromEntries(
    Object.entries(operationRules.completeOwnersRequest.body.properties).filter(([f]) => !OWNERS_FILLED_IN.includes(f)),
  ),
};

/**
 * Which operations' 428s each helper finishes, as Belvo runs them: an owners request's session with PATCH
 * /api/owners/ (which may itself answer 428 again), a link update's by sending the PUT again with the token.
 */
const FINISHES = {
  resumeOwnersRequest: ["retrieveOwners", "completeOwnersRequest"],
  resumeLinkUpdate: ["updateLinkCredentials"],
} as const satisfies Record<keyof ResumeMethods, readonly OperationId[]>;

/** Refuses a challenge that another helper finishes, saying which. */
function checkFinishes(helper: keyof ResumeMethods, { operation }: TokenChallenge): void {
  if ((FINISHES[helper] as readonly string[]).includes(operation)) return;
  const other = (Object.keys(FINISHES) as Array<keyof ResumeMethods>).find((name) =>
    (FINISHES[name] as readonly string[]).includes(operation),
  );
  const instead = other ? `: finish it with ${other}` : "";
  throw new BelvoInputError("challenge", `comes from ${operation}, which ${helper} does not finish${instead}`);
}

export function resumeMethods(
  methods: Pick<OperationMethods, "completeOwnersRequest" | "updateLinkCredentials">,
): ResumeMethods {
  // The rest of each body is checked on the operation's own call path, before anything is sent.
  return {
    async resumeOwnersRequest(challenge, token, body, options) {
      const checked = checkChallenge(challenge, token);
      checkFinishes("resumeOwnersRequest", checked);
      const { session, link } = checked;
      const rest = checkResumeBody(body, OWNERS_FILLED_IN);
      checkObject(rest, RESUME_OWNERS_RULES, "a resumed owners request");
      if (rest.save_data === undefined) {
        throw new BelvoInputError("save_data", "is required to resume: left out, Belvo saves the owners");
      }
      return methods.completeOwnersRequest({ ...rest, session, link, token }, options);
    },
    async resumeLinkUpdate(challenge, token, body, options) {
      const checked = checkChallenge(challenge, token);
      checkFinishes("resumeLinkUpdate", checked);
      const { link } = checked;
      const rest = checkResumeBody(body, ["token"]);
      return methods.updateLinkCredentials(link, { ...rest, token } as LinksPutRequest, options);
    },
  };
}
