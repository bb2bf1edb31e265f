// createFakeBelvoHandlers(): the fake as msw handlers, with the client on the global fetch that msw intercepts.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BelvoNetworkError, createBelvoClient } from "../../src/index.js";
import { createFakeBelvoHandlers } from "../../src/testing/msw.js";
import { expectMfaFlow, PLAIN_LINK } from "../helpers/fake-belvo.js";

const fake = createFakeBelvoHandlers();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.clearFaults());
afterAll(() => server.close());

// No baseUrl and no fetch: the client calls the sandbox with the global fetch, which msw answers (the client looks
// the global fetch up at each call, so it may be made before server.listen()).
const belvo = createBelvoClient({
  secretId: fake.secretId,
  secretPassword: fake.secretPassword,
  retry: { initialDelayMs: 1 },
});

describe("createFakeBelvoHandlers() with msw", () => {
  it("runs the MFA flow through msw, the token sent once, every answer spec-valid", async () => {
    await expectMfaFlow(belvo, fake);
  });

  it("plays its faults through msw: a dropped connection retried until it gives up", async () => {
    fake.injectFault({ match: { method: "PUT" }, drop: "before-response", times: 5 });
    const before = fake.exchanges.length;
    await expect(belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).rejects.toBeInstanceOf(BelvoNetworkError);
    // msw answered each attempt (the first and two retries): nothing left the process.
    expect(fake.exchanges.slice(before).map((e) => e.status)).toEqual(["dropped", "dropped", "dropped"]);
  });
});
