import type { Client } from "openapi-fetch";
import { operationRules } from "../generated/operation-rules.js";
import { createClient } from "./openapi-fetch-interop.js";
import type { paths } from "../generated/schema.js";
import { checkFields } from "./input/check-fields.js";
import { camelCase, toSpecFields, type CamelCaseKeys } from "./input/case.js";
import { checkChallenge, type TokenChallenge } from "./mfa.js";
import { checkTimeout, MAX_BODY_BYTES, resolveOptions, type BelvoClientOptions } from "./options.js";
import { toResult } from "./result.js";
import { BodyTextRequest } from "./transport/request-body.js";
import { createTransport, type TransportSettings } from "./transport/transport.js";
import type { BelvoResult, Schemas } from "./types.js";

export interface CallOptions {
  /** Abort the call (not retried once aborted). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

/** The owners query (`fields`, `omit`), with call options. */
export type OwnersCallOptions = CallOptions & NonNullable<paths["/api/owners/"]["patch"]["parameters"]["query"]>;

export type LinkCredentials = Schemas["LinksPutRequest"];
export type CompleteOwnersRequestInput = CamelCaseKeys<Schemas["PatchBody"]>;

export interface BelvoClient {
  /** PUT /api/links/{id}/: new credentials for a link; a 428 result means "resume with a token". */
  updateLinkCredentials(
    linkId: string,
    credentials: LinkCredentials,
    options?: CallOptions,
  ): Promise<BelvoResult<"updateLinkCredentials">>;
  /** PATCH /api/owners/: resume an owners request that answered 428 (201 when saved, 200 with saveData false). */
  completeOwnersRequest(
    input: CompleteOwnersRequestInput,
    options?: OwnersCallOptions,
  ): Promise<BelvoResult<"completeOwnersRequest">>;
  /** Completes the owners request a 428 challenge paused; refuses an expired challenge before sending. */
  resumeOwnersRequest(
    challenge: TokenChallenge,
    token: string | undefined,
    options?: OwnersCallOptions & { saveData?: boolean },
  ): Promise<BelvoResult<"completeOwnersRequest">>;
  /** Sends the link's credentials again with the token, as Belvo documents for a 428 on PUT /api/links/{id}/. */
  resumeLinkUpdate(
    challenge: TokenChallenge,
    token: string | undefined,
    credentials: Omit<LinkCredentials, "token">,
    options?: CallOptions,
  ): Promise<BelvoResult<"updateLinkCredentials">>;
  /** The underlying openapi-fetch client, typed from the spec, for anything else (no input checks there). */
  readonly api: Client<paths>;
}

const owners = operationRules.completeOwnersRequest;
const links = operationRules.updateLinkCredentials;
const ownersBodyFields = Object.keys(owners.body.properties);
const ownersQueryFields = Object.keys(owners.query);
const linksBodyFields = Object.keys(links.body.properties);
const singleUseFields = [owners, links].flatMap((rules) =>
  Object.entries(rules.body.properties)
    .filter(([, rule]) => "singleUse" in rule)
    .map(([field]) => field),
);

export function createBelvoClient(options: BelvoClientOptions): BelvoClient {
  const { baseUrl, timeoutMs, ...resolved } = resolveOptions(options);
  const settings: TransportSettings = { ...resolved, timeoutMs, maxBodyBytes: MAX_BODY_BYTES, singleUseFields };
  const defaultTransport = createTransport(settings);
  const api = createClient<paths>({ baseUrl, fetch: defaultTransport, Request: BodyTextRequest });
  const transportFor = (call: CallOptions | undefined) => {
    const override = checkTimeout("timeoutMs", call?.timeoutMs);
    return override === undefined ? defaultTransport : createTransport({ ...settings, timeoutMs: override });
  };

  const client: BelvoClient = {
    api,
    async updateLinkCredentials(linkId, credentials, call) {
      checkFields({ id: linkId }, links.pathParams, ["id"], () => "linkId");
      const body = toSpecFields(objectOrEmpty(credentials), linksBodyFields);
      checkFields(body, links.body.properties, links.body.required);
      const raw = await api.PUT("/api/links/{id}/", {
        params: { path: { id: linkId } },
        body: body as LinkCredentials,
        signal: call?.signal,
        fetch: transportFor(call),
      });
      return toResult("updateLinkCredentials", raw, Date.now());
    },

    async completeOwnersRequest(input, call) {
      const body = toSpecFields(objectOrEmpty(input), ownersBodyFields);
      checkFields(body, owners.body.properties, owners.body.required, camelCase);
      const query = toSpecFields(objectOrEmpty(call), ownersQueryFields);
      checkFields(query, owners.query, []);
      const raw = await api.PATCH("/api/owners/", {
        params: { query },
        body: body as Schemas["PatchBody"],
        signal: call?.signal,
        fetch: transportFor(call),
      });
      return toResult("completeOwnersRequest", raw, Date.now());
    },

    async resumeOwnersRequest(challenge, token, { saveData, ...call } = {}) {
      checkChallenge(challenge, token);
      return client.completeOwnersRequest({ session: challenge.session, link: challenge.link, token, saveData }, call);
    },

    async resumeLinkUpdate(challenge, token, credentials, call) {
      checkChallenge(challenge, token);
      return client.updateLinkCredentials(
        challenge.link,
        { ...objectOrEmpty(credentials), token } as LinkCredentials,
        call,
      );
    },
  };
  return Object.freeze(client);
}

function objectOrEmpty<T>(value: T): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
