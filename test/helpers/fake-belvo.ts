// Starts a fake Belvo and a client for it; every exchange the fake recorded can be checked against the spec.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  createBelvoClient,
  tokenChallenge,
  unwrap,
  type BelvoClient,
  type BelvoClientOptions,
} from "../../src/index.js";
import { startFakeBelvo, type FakeBelvoServer, type FakeBelvoOptions } from "../../src/testing/index.js";
import { matchRoute } from "../../src/testing/fake-routes.js";
import { responseErrors } from "./spec-validator.js";

export const MFA_LINK = "30cb4806-6e00-48a4-91c9-ca55968576c8"; // asks for a typed token
export const DEVICE_LINK = "5a1e9c7d-2b3f-4c8e-9d6a-7b8c9d0e1f2a"; // the user confirms on another device
export const PLAIN_LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"; // no MFA
export const UNKNOWN_LINK = "00000000-0000-4000-8000-000000000000";

/**
 * Starts a fake Belvo for the test file and closes it after; after each test, checks that its answers were
 * spec-shaped. Returns a getter, since the server starts in beforeAll.
 */
export function useFakeBelvo(options?: FakeBelvoOptions): () => FakeBelvoServer {
  let fake: FakeBelvoServer | undefined;
  beforeAll(async () => {
    fake = await startFakeBelvo(options);
  });
  afterAll(() => fake?.close());
  afterEach(() => expectSpecShapedExchanges(fake!));
  return () => fake!;
}

/** A client for the fake; fast retries so that tests never sleep for seconds. */
export function clientFor(fake: FakeBelvoServer, options: Partial<BelvoClientOptions> = {}) {
  return createBelvoClient({
    secretId: fake.secretId,
    secretPassword: fake.secretPassword,
    baseUrl: fake.url,
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/**
 * Asserts that every answer the fake gave on its own (no injected fault) to an operation of the spec is valid
 * against the bundled spec. Requests to paths or methods the spec does not define are not checked.
 */
export function expectSpecShapedExchanges(fake: Pick<FakeBelvoServer, "exchanges">): void {
  for (const exchange of fake.exchanges.filter((e) => !e.faulted)) {
    const match = matchRoute(exchange.method, exchange.path);
    if (!match || "allow" in match) continue;
    expect(
      responseErrors(match.operation, String(exchange.status), exchange.responseBody),
      `${exchange.method} ${exchange.path} → ${exchange.status}`,
    ).toEqual([]);
  }
}

/**
 * Both MFA flows through any of the fake's adapters, each token sent once, every answer spec-valid: an owners
 * request (POST, 428, PATCH with the session and token) and a link update (PUT, 428, the PUT again with the token).
 */
export async function expectMfaFlow(belvo: BelvoClient, fake: Pick<FakeBelvoServer, "exchanges" | "mfaTokenFor">) {
  const token = fake.mfaTokenFor(MFA_LINK);
  const owners = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
  expect(unwrap(await belvo.resumeOwnersRequest(owners, token, { save_data: true }))[0]).toMatchObject({
    link: MFA_LINK,
  });
  const credentials = { password: "new-password" };
  const update = tokenChallenge(await belvo.updateLinkCredentials(MFA_LINK, credentials))!;
  expect(unwrap(await belvo.resumeLinkUpdate(update, token, credentials))).toMatchObject({ id: MFA_LINK });
  expect(fake.exchanges.map((e) => [e.method, e.status, e.tokenSent])).toEqual([
    ["POST", 428, false],
    ["PATCH", 201, true],
    ["PUT", 428, false],
    ["PUT", 200, true],
  ]);
  expectSpecShapedExchanges(fake);
}
