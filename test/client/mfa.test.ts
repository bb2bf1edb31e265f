import { describe, expect, it } from "vitest";
import { tokenChallenge, type BelvoResult } from "../../src/index.js";

const receivedAt = Date.parse("2026-11-22T10:00:00Z");
const response428 = new Response(null, { status: 428 });

function result428(error: unknown): BelvoResult<"completeOwnersRequest"> {
  return {
    operation: "completeOwnersRequest",
    response: response428,
    requestId: "r",
    receivedAt,
    error,
  } as BelvoResult<"completeOwnersRequest">;
}

const challengeBody = {
  code: "token_required",
  request_id: "a".repeat(32),
  session: "2675b703b9d4451f8d4861a3eee54449",
  expiry: 9600,
  link: "30cb4806-6e00-48a4-91c9-ca55968576c8",
  token_generation_data: { instructions: "Use this code", type: "numeric", value: "12345", expects_user_input: true },
};

describe("tokenChallenge", () => {
  it("computes expiresAt from the 428's arrival and its expiry seconds", () => {
    expect(tokenChallenge(result428([challengeBody]))).toEqual({
      operation: "completeOwnersRequest",
      session: challengeBody.session,
      link: challengeBody.link,
      expiresAt: "2026-11-22T12:40:00.000Z",
      expectsUserInput: true,
      tokenGenerationData: challengeBody.token_generation_data,
      requestId: "a".repeat(32),
    });
  });

  it("gives no expiresAt, and never throws, for an expiry no date can hold", () => {
    for (const expiry of [1e300, 9e12, -1e20, Number.NaN, "600"]) {
      const challenge = tokenChallenge(result428([{ ...challengeBody, expiry }]));
      expect(challenge).toBeDefined();
      expect(challenge).not.toHaveProperty("expiresAt");
    }
  });

  it("treats a missing expects_user_input as true (the spec's default)", () => {
    const { token_generation_data: _omitted, ...withoutData } = challengeBody;
    expect(tokenChallenge(result428([withoutData]))!.expectsUserInput).toBe(true);
  });

  it("is undefined for anything but a 428 carrying a session and a link", () => {
    expect(tokenChallenge(undefined)).toBeUndefined();
    expect(tokenChallenge(result428([{ code: "token_required" }]))).toBeUndefined();
    expect(tokenChallenge(result428([{ ...challengeBody, code: "not_found" }]))).toBeUndefined();
    const ok = {
      operation: "completeOwnersRequest" as const,
      request: "PATCH /api/owners/",
      response: new Response("[]"),
      requestId: undefined,
      receivedAt,
      ok: true as const,
      data: [],
    };
    expect(tokenChallenge(ok as BelvoResult<"completeOwnersRequest">)).toBeUndefined();
  });
});
