// The same three calls, made the ways a user could make them: PUT link → 200, PATCH owners → 201, PUT → 428.
// axios and Belvo's SDK are imported only by contenders(): the paired ratio's processes load this client and
// openapi-fetch alone (the SDK loads core-js, which replaces globals such as structuredClone).
import createClient from "openapi-fetch";
import { shippedClient } from "./shipped-client.js";
import type { paths } from "../../generated/schema.js";

export interface Target {
  url: string;
  secretId: string;
  secretPassword: string;
  plainLink: string;
  mfaLink: string;
  session: string;
  token: string;
}

export type Call = "PUT link → 200" | "PATCH owners → 201" | "PUT link → 428";
export type Contender = { name: string; calls: Record<Call, () => Promise<unknown>> };

const expectStatus = (actual: number, expected: number, who: string) => {
  if (actual !== expected) throw new Error(`${who}: expected HTTP ${expected}, got ${actual}`);
};

/** What every contender sends: the same credentials and bodies. */
function requestsOf(target: Target) {
  return {
    authorization: `Basic ${btoa(`${target.secretId}:${target.secretPassword}`)}`,
    linkBody: { password: "new-password" },
    ownersBody: { session: target.session, link: target.mfaLink, token: target.token },
  };
}

/** Every contender: raw fetch, openapi-fetch, this client, Belvo's SDK and axios. */
export async function contenders(target: Target): Promise<Contender[]> {
  const { authorization, linkBody, ownersBody } = requestsOf(target);
  const headers = { authorization, "content-type": "application/json" };

  const raw = async (method: string, path: string, body: unknown, status: number) => {
    const response = await fetch(`${target.url}${path}`, { method, headers, body: JSON.stringify(body) });
    JSON.parse(await response.text());
    expectStatus(response.status, status, "raw fetch");
  };

  const { default: axios } = await import("axios");
  const ax = axios.create({ baseURL: target.url, headers, validateStatus: () => true });
  const axiosCall = async (call: Promise<{ status: number }>, status: number) =>
    expectStatus((await call).status, status, "axios");

  // @ts-expect-error Belvo's SDK ships no types
  const BelvoModule = (await import("belvo")).default;
  // A CommonJS module with `exports.default`: from ESM its default import is the exports object.
  const Belvo = BelvoModule.default ?? BelvoModule;
  const sdk = new Belvo(target.secretId, target.secretPassword, target.url);
  await sdk.connect();
  const sdkCall = async (call: Promise<unknown>, status: number) => {
    try {
      await call;
      expectStatus(status < 300 ? status : 200, status, "belvo SDK");
    } catch (error) {
      expectStatus((error as { statusCode?: number }).statusCode ?? 0, status, "belvo SDK");
    }
  };

  const [openapiFetch, thisClient] = await clientContenders(target);
  return [
    {
      name: "raw fetch (floor)",
      calls: {
        "PUT link → 200": () => raw("PUT", `/api/links/${target.plainLink}/`, linkBody, 200),
        "PATCH owners → 201": () => raw("PATCH", "/api/owners/", ownersBody, 201),
        "PUT link → 428": () => raw("PUT", `/api/links/${target.mfaLink}/`, linkBody, 428),
      },
    },
    openapiFetch,
    thisClient,
    {
      name: "belvo SDK",
      calls: {
        "PUT link → 200": () => sdkCall(sdk.links.update(target.plainLink, linkBody), 200),
        "PATCH owners → 201": () => sdkCall(sdk.owners.resume(target.session, target.token, target.mfaLink), 201),
        "PUT link → 428": () => sdkCall(sdk.links.update(target.mfaLink, linkBody), 428),
      },
    },
    {
      name: "axios",
      calls: {
        "PUT link → 200": () => axiosCall(ax.put(`/api/links/${target.plainLink}/`, linkBody), 200),
        "PATCH owners → 201": () => axiosCall(ax.patch("/api/owners/", ownersBody), 201),
        "PUT link → 428": () => axiosCall(ax.put(`/api/links/${target.mfaLink}/`, linkBody), 428),
      },
    },
  ];
}

/** Bare openapi-fetch and this client, in that order: all that a process measuring their paired ratio loads. */
export async function clientContenders(target: Target): Promise<[Contender, Contender]> {
  const { authorization, linkBody, ownersBody } = requestsOf(target);

  const bare = createClient<paths>({ baseUrl: target.url, headers: { authorization } });
  const bareCall = async (call: Promise<{ response: Response }>, status: number) =>
    expectStatus((await call).response.status, status, "openapi-fetch");

  const { createBelvoClient } = await shippedClient();
  const client = createBelvoClient({
    secretId: target.secretId,
    secretPassword: target.secretPassword,
    baseUrl: target.url,
  });
  const clientCall = async (call: Promise<{ response: Response }>, status: number) =>
    expectStatus((await call).response.status, status, "this client");

  return [
    {
      name: "openapi-fetch",
      calls: {
        "PUT link → 200": () =>
          bareCall(bare.PUT("/api/links/{id}/", { params: { path: { id: target.plainLink } }, body: linkBody }), 200),
        "PATCH owners → 201": () => bareCall(bare.PATCH("/api/owners/", { body: ownersBody }), 201),
        "PUT link → 428": () =>
          bareCall(bare.PUT("/api/links/{id}/", { params: { path: { id: target.mfaLink } }, body: linkBody }), 428),
      },
    },
    {
      name: "this client",
      calls: {
        "PUT link → 200": () => clientCall(client.updateLinkCredentials(target.plainLink, linkBody), 200),
        "PATCH owners → 201": () => clientCall(client.completeOwnersRequest(ownersBody), 201),
        "PUT link → 428": () => clientCall(client.updateLinkCredentials(target.mfaLink, linkBody), 428),
      },
    },
  ];
}
