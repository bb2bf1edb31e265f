// The same link update through bare openapi-fetch and through this client, both given a fetch that answers at
// once with a Link: no socket, so what is measured is the libraries' own work.
import createClient from "openapi-fetch";
import { shippedClient } from "./shipped-client.js";
import type { paths } from "../../generated/schema.js";

const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const BODY = JSON.stringify({ id: LINK, status: "valid" });
const answer: typeof fetch = async () =>
  new Response(BODY, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(BODY.length) },
  });

export interface StubbedCalls {
  openapiFetch: () => Promise<unknown>;
  /** The client's transport alone: its openapi-fetch (`client.api`), without input checks or result shaping. */
  transport: () => Promise<unknown>;
  client: () => Promise<unknown>;
}

export async function stubbedCalls(): Promise<StubbedCalls> {
  const { createBelvoClient } = await shippedClient();
  const bare = createClient<paths>({
    baseUrl: "https://belvo.test",
    headers: { authorization: "Basic x" },
    fetch: answer,
  });
  const client = createBelvoClient({
    secretId: "id",
    secretPassword: "pw",
    baseUrl: "https://belvo.test",
    fetch: answer,
  });
  const update = { params: { path: { id: LINK } }, body: { password: "p" } };
  return {
    openapiFetch: () => bare.PUT("/api/links/{id}/", update),
    transport: () => client.api.PUT("/api/links/{id}/", update),
    client: () => client.updateLinkCredentials(LINK, { password: "p" }),
  };
}
