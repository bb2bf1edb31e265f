// createFakeBelvo(): the same fake with no socket, its `fetch` passed straight to the client.
import { describe, expect, it } from "vitest";
import { BelvoNetworkError, BelvoTimeoutError, createBelvoClient, type BelvoClientOptions } from "../../src/index.js";
import { createFakeBelvo } from "../../src/testing/index.js";
import { expectMfaFlow, PLAIN_LINK } from "../helpers/fake-belvo.js";

function socketless(options: Partial<BelvoClientOptions> = {}) {
  const fake = createFakeBelvo();
  const belvo = createBelvoClient({
    secretId: fake.secretId,
    secretPassword: fake.secretPassword,
    fetch: fake.fetch,
    retry: { initialDelayMs: 1 },
    ...options,
  });
  return { fake, belvo };
}

describe("createFakeBelvo()", () => {
  it("runs the whole MFA flow with no socket, the token sent once, every answer spec-valid", async () => {
    const { fake, belvo } = socketless();
    await expectMfaFlow(belvo, fake);
  });

  it("refuses wrong keys and bad bodies as the socket fake does", async () => {
    const fake = createFakeBelvo();
    const response = await fake.fetch(`https://sandbox.belvo.com/api/links/${PLAIN_LINK}/`, {
      method: "PUT",
      headers: { authorization: `Basic ${btoa("wrong:keys")}`, "content-type": "application/json" },
      body: '{"password":"p"}',
    });
    expect(response.status).toBe(401);
  });

  it("plays its faults: a 503 retried, a dropped connection retried, a cut body and a slow answer typed", async () => {
    const { fake, belvo } = socketless();
    fake.injectFault({ match: { method: "PUT" }, status: 503 });
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);
    fake.injectFault({ match: { method: "PUT" }, drop: "before-response" });
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);
    expect(fake.exchanges.map((e) => e.status)).toEqual([503, 200, "dropped", 200]);

    fake.injectFault({
      match: { method: "PUT" },
      status: 200,
      body: { id: PLAIN_LINK, x: "x".repeat(500) },
      drop: "mid-body",
    });
    const cut = belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" });
    await expect(cut).rejects.toBeInstanceOf(BelvoNetworkError);
    await expect(cut).rejects.toMatchObject({ phase: "response" });
    fake.injectFault({ match: { method: "PUT" }, delayMs: 5_000 });
    const slow = belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" }, { timeoutMs: 20 });
    await expect(slow).rejects.toBeInstanceOf(BelvoTimeoutError);
  });
});
