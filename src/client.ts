import type { Client } from "openapi-fetch";
import type { LinksPutRequest, PatchBody, paths } from "../generated/schema.js";
import { checkObject, checkValue } from "./input/check-input.js";
import { checkChallenge, type TokenChallenge } from "./mfa.js";
import { createClient } from "./openapi-fetch-interop.js";
import {
  linkLabel,
  linkRules,
  linkSingleUse,
  ownersLabel,
  ownersQueryRules,
  ownersRules,
  ownersSingleUse,
  resumeLinkRules,
  resumeOwnersRules,
} from "./operation-calls.js";
import { checkCallOptions, MAX_BODY_BYTES, resolveOptions, type BelvoClientOptions } from "./options.js";
import { toResult, type RawResult } from "./result.js";
import { bodyTextRequestClass } from "./transport/body-text-request.js";
import { createTransport, type CallContext } from "./transport/transport.js";
import type { BelvoResult } from "./types.js";

export interface CallOptions {
  /** Abort the call (not retried once aborted). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

/** The query of PATCH /api/owners/ (`fields`, `omit`), under the spec's names. */
export type OwnersQuery = NonNullable<paths["/api/owners/"]["patch"]["parameters"]["query"]>;

export interface OwnersCallOptions extends CallOptions {
  /** Kept apart from the call options, as openapi-fetch keeps `params.query`. */
  query?: OwnersQuery;
}

/** What a resumed owners request sends besides the challenge's `session` and `link` and the token. */
export type ResumeOwnersBody = Omit<PatchBody, "session" | "link" | "token">;
/** What a resumed link update sends besides the token. */
export type ResumeLinkBody = Omit<LinksPutRequest, "token">;

export interface BelvoClient {
  /** PUT /api/links/{id}/: new credentials for a link; a 428 result means "resume with a token". */
  updateLinkCredentials(
    id: string,
    body: LinksPutRequest,
    options?: CallOptions,
  ): Promise<BelvoResult<"updateLinkCredentials">>;
  /** PATCH /api/owners/: resume an owners request that answered 428 (201 when saved, 200 with save_data false). */
  completeOwnersRequest(body: PatchBody, options?: OwnersCallOptions): Promise<BelvoResult<"completeOwnersRequest">>;
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
  /** The underlying openapi-fetch client, typed from the spec, for anything else (no input checks there). */
  readonly api: Client<paths>;
}

export function createBelvoClient(options: BelvoClientOptions): BelvoClient {
  const { baseUrl, ...settings } = resolveOptions(options);
  const send = createTransport({
    ...settings,
    maxBodyBytes: MAX_BODY_BYTES,
    singleUseFields: [...new Set([...ownersSingleUse, ...linkSingleUse])],
  });
  const api = createClient<paths>({ baseUrl, fetch: (request) => send(request), Request: bodyTextRequestClass() });

  /** What the transport needs to know about one of our calls, from the caller's checked body and options. */
  function callContext(
    request: string,
    singleUse: readonly string[],
    body: Readonly<Record<string, unknown>>,
    call: CallOptions | undefined,
  ): CallContext {
    return {
      request,
      carriesSingleUseToken: singleUse.some((field) => body[field] !== undefined),
      timeoutMs: call?.timeoutMs ?? settings.timeoutMs,
    };
  }

  const client: BelvoClient = {
    api,
    async updateLinkCredentials(id, body, call) {
      checkValue(id, linkRules.pathParams.id, "id");
      checkObject(body, linkRules.body, "the PUT /api/links/{id}/ body");
      checkCallOptions(call, false);
      const context = callContext(linkLabel({ id }), linkSingleUse, body, call);
      const raw = await api.PUT("/api/links/{id}/", {
        params: { path: { id } },
        body,
        signal: call?.signal,
        parseAs: "text",
        fetch: (request: Request) => send(request, context),
      });
      return toResult("updateLinkCredentials", context.request, raw as RawResult);
    },

    async completeOwnersRequest(body, call) {
      checkObject(body, ownersRules.body, "the PATCH /api/owners/ body");
      checkCallOptions(call, true);
      if (call?.query !== undefined) checkObject(call.query, ownersQueryRules, "the PATCH /api/owners/ query");
      const context = callContext(ownersLabel(), ownersSingleUse, body, call);
      const raw = await api.PATCH("/api/owners/", {
        params: { query: call?.query },
        body,
        signal: call?.signal,
        parseAs: "text",
        fetch: (request: Request) => send(request, context),
      });
      return toResult("completeOwnersRequest", context.request, raw as RawResult);
    },

    async resumeOwnersRequest(challenge, token, body = {}, call) {
      checkChallenge(challenge, token);
      checkObject(body, resumeOwnersRules, "the body of resumeOwnersRequest (session, link and token come apart)");
      return client.completeOwnersRequest({ ...body, session: challenge.session, link: challenge.link, token }, call);
    },

    async resumeLinkUpdate(challenge, token, body, call) {
      checkChallenge(challenge, token);
      checkObject(body, resumeLinkRules, "the body of resumeLinkUpdate (the token comes apart)");
      return client.updateLinkCredentials(challenge.link, { ...body, token } as LinksPutRequest, call);
    },
  };
  return Object.freeze(client);
}
