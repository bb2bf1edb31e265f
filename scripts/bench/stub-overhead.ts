// The wrapper's own overhead, with no sockets: the same call through bare openapi-fetch and through this client,
// both given a fetch that answers at once.
import createClient from "openapi-fetch";
import { createBelvoClient } from "../../src/index.js";
import type { paths } from "../../generated/schema.js";
import { median, timeCalls } from "./stats.js";

const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const BODY = JSON.stringify({ id: LINK, status: "valid" });
const answer: typeof fetch = async () =>
  new Response(BODY, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(BODY.length) },
  });

export interface StubResult {
  openapiFetchMicros: number;
  clientMicros: number;
}

export async function measureStubOverhead(options: { rounds: number; calls: number }): Promise<StubResult> {
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
  const bareCall = () => bare.PUT("/api/links/{id}/", { params: { path: { id: LINK } }, body: { password: "p" } });
  const clientCall = () => client.updateLinkCredentials(LINK, { password: "p" });
  const bareTimes: number[] = [];
  const clientTimes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    bareTimes.push(await timeCalls(bareCall, options.calls / 5, options.calls));
    clientTimes.push(await timeCalls(clientCall, options.calls / 5, options.calls));
  }
  return { openapiFetchMicros: median(bareTimes) * 1000, clientMicros: median(clientTimes) * 1000 };
}
