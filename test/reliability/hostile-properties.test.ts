// The invariants against whatever a server does, as a property over server behaviours × call shapes (fast-check,
// fixed seed: set FC_SEED to replay). For every pair: no byte reaches a second origin, nor a path the call did not
// build; a request that carries a token is sent at most once; the call settles within its bound; the outcome is a
// result or one of our errors; our formatting of it never throws and never shows a secret.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBelvoClient, isBelvoClientError, type BelvoClient, type TokenChallenge } from "../../src/index.js";
import {
  behaviours,
  expectNothingShown,
  startHostileServer,
  type Behaviour,
  type HostileServer,
} from "../helpers/hostile-server.js";

const SEED = Number(process.env.FC_SEED ?? 20261202);
const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const SESSION = "c".repeat(32);
const TIMEOUT_MS = 150;
const RETRY = { retries: 2, initialDelayMs: 1, maxDelayMs: 5 };
/** Three attempts, each within its timeout, and the waits between: with a wide margin for a loaded machine. */
const SETTLE_BOUND_MS = (RETRY.retries + 1) * TIMEOUT_MS + 2 * RETRY.maxDelayMs + 5_000;

let server: HostileServer;
let other: HostileServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startHostileServer(), startHostileServer()]);
});
afterAll(() => Promise.all([server.close(), other.close()]));

interface Secrets {
  secretId: string;
  secretPassword: string;
  password: string;
  token: string;
}

/** A call the way a user makes it: which path it builds, whether it carries a token, and whether the result is ours. */
interface Shape {
  path: string;
  carriesToken: boolean;
  ours: boolean;
  call: (belvo: BelvoClient, secrets: Secrets) => Promise<unknown>;
}

const linkPath = `/api/links/${LINK}/`;
/** A link update's 428 challenge, and an owners request's: each resume helper finishes its own. */
const challenge: TokenChallenge = {
  operation: "updateLinkCredentials",
  session: SESSION,
  link: LINK,
  expectsUserInput: true,
};
const ownersChallenge: TokenChallenge = { ...challenge, operation: "retrieveOwners" };
const asForm = (body: unknown) => new URLSearchParams(body as Record<string, string>).toString();

const shapes: Record<string, Shape> = {
  "update, no token": {
    path: linkPath,
    carriesToken: false,
    ours: true,
    call: (belvo, s) => belvo.updateLinkCredentials(LINK, { password: s.password, password2: s.password }),
  },
  "update with a token": {
    path: linkPath,
    carriesToken: true,
    ours: true,
    call: (belvo, s) => belvo.updateLinkCredentials(LINK, { password: s.password, token: s.token }),
  },
  "owners with a token": {
    path: "/api/owners/",
    carriesToken: true,
    ours: true,
    call: (belvo, s) => belvo.completeOwnersRequest({ session: SESSION, link: LINK, token: s.token, save_data: true }),
  },
  "owners, no token": {
    path: "/api/owners/",
    carriesToken: false,
    ours: true,
    call: (belvo) => belvo.completeOwnersRequest({ session: SESSION, link: LINK }),
  },
  resumeLinkUpdate: {
    path: linkPath,
    carriesToken: true,
    ours: true,
    call: (belvo, s) => belvo.resumeLinkUpdate(challenge, s.token, { password: s.password }),
  },
  resumeOwnersRequest: {
    path: "/api/owners/",
    carriesToken: true,
    ours: true,
    call: (belvo, s) => belvo.resumeOwnersRequest(ownersChallenge, s.token, { save_data: true }),
  },
  "raw PUT with a token": {
    path: linkPath,
    carriesToken: true,
    ours: false,
    call: (belvo, s) =>
      belvo.api.PUT("/api/links/{id}/", {
        params: { path: { id: LINK } },
        body: { password: s.password, token: s.token },
      }),
  },
  "raw PATCH, form-encoded, with a token": {
    path: "/api/owners/",
    carriesToken: true,
    ours: false,
    call: (belvo, s) =>
      belvo.api.PATCH("/api/owners/", {
        body: { session: SESSION, link: LINK, token: s.token },
        bodySerializer: asForm,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
  },
  "raw PUT, no token": {
    path: linkPath,
    carriesToken: false,
    ours: false,
    call: (belvo, s) =>
      belvo.api.PUT("/api/links/{id}/", { params: { path: { id: LINK } }, body: { password: s.password } }),
  },
};

/** What the server does, given where "another origin" and the call's own URL are. */
const serverBehaviours: Record<string, (shape: Shape) => Behaviour> = {
  ...Object.fromEntries(
    [301, 302, 303, 307, 308].flatMap((status) => [
      [`${status} to another origin`, (shape: Shape) => behaviours.redirect(status, `${other.url}${shape.path}`)],
      [`${status} to the same URL`, (shape: Shape) => behaviours.redirect(status, `${server.url}${shape.path}`)],
      [`${status} to another path`, () => behaviours.redirect(status, `${server.url}/elsewhere/`)],
    ]),
  ),
  "echo in a 400": () => behaviours.echoErrors(400),
  "echo in a 428": () => behaviours.echoErrors(428),
  "echo in a 500": () => behaviours.echoErrors(500),
  "echo in a 2xx object": () => behaviours.echoObject(),
  "echo as 2xx text": () => behaviours.echoText(),
  "503 every time": () => behaviours.status(503),
  "status 600": () => behaviours.status(600),
  "status 999": () => behaviours.status(999),
  stall: () => behaviours.stall(),
  drip: () => behaviours.drip(),
  reset: () => behaviours.reset(),
  "a 100,000-deep JSON 400": () => behaviours.deep(400, 100_000),
};

/** Secrets as users have them: letters, digits and the characters JSON and URLs escape. */
const secret = fc.stringMatching(/^[A-Za-z0-9"\\/=+-]{8,16}$/);
const secretsArbitrary = fc
  .record({ secretId: secret, secretPassword: secret, password: secret, token: secret })
  .filter((s) => !s.secretId.includes(":") && new Set(Object.values(s)).size === 4);

async function settle(call: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${SETTLE_BOUND_MS} ms`)), SETTLE_BOUND_MS);
  });
  try {
    return await Promise.race([call.then((value) => ({ value })), bound]);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("did not settle")) throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

describe("the invariants hold against any server behaviour, for any call shape", () => {
  it("no second origin, a token sent once, settled, typed, nothing shown", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(serverBehaviours)),
        fc.constantFrom(...Object.keys(shapes)),
        secretsArbitrary,
        async (behaviourName, shapeName, secrets) => {
          const shape = shapes[shapeName]!;
          server.clear();
          other.clear();
          server.behave(serverBehaviours[behaviourName]!(shape));
          const belvo = createBelvoClient({
            secretId: secrets.secretId,
            secretPassword: secrets.secretPassword,
            baseUrl: server.url,
            timeoutMs: TIMEOUT_MS,
            retry: RETRY,
          });
          const { value, error } = await settle(shape.call(belvo, secrets));

          expect(other.connections, "a byte reached another origin").toBe(0);
          expect(
            server.seen.every((seen) => seen.url === shape.path),
            "a path the call did not build",
          ).toBe(true);
          if (shape.carriesToken) expect(server.seen.length, "a token sent twice").toBeLessThanOrEqual(1);
          if (error !== undefined) expect(isBelvoClientError(error), `not one of ours: ${error}`).toBe(true);
          else expect((value as { response?: unknown }).response).toBeInstanceOf(Response);
          const auth = btoa(`${secrets.secretId}:${secrets.secretPassword}`);
          const all = [...Object.values(secrets), auth];
          // Our formatting: every error, and the results of our methods (a raw call's result is openapi-fetch's).
          if (error !== undefined || shape.ours) expectNothingShown(error ?? value, all);
        },
      ),
      { numRuns: 250, seed: SEED },
    );
  });
});
