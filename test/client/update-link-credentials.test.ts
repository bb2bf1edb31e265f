import { describe, expect, it } from "vitest";
import {
  BelvoInputError,
  isAuthenticationFailed,
  isNotFound,
  isTokenRequired,
  tokenChallenge,
  unwrap,
  BelvoApiError,
} from "../../src/index.js";
import { clientFor, MFA_LINK, PLAIN_LINK, useFakeBelvo, UNKNOWN_LINK } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();

describe("updateLinkCredentials", () => {
  it("answers 200 with the Link for a link that needs no token", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(PLAIN_LINK, { password: "new-password" });
    expect(result.response.status).toBe(200);
    expect(result.data).toMatchObject({ id: PLAIN_LINK, status: "valid" });
    expect(result.error).toBeUndefined();
    expect(result.requestId).toMatch(/^[a-f0-9]{32}$/);
    expect(unwrap(result).id).toBe(PLAIN_LINK);
  });

  it("answers 428 with a challenge when the institution asks for a token", async () => {
    const before = Date.now();
    const result = await clientFor(fake()).updateLinkCredentials(MFA_LINK, {
      password: "new-password",
      password2: "4821",
    });
    expect(result.response.status).toBe(428);
    expect(isTokenRequired(result.error)).toBe(true);
    const challenge = tokenChallenge(result)!;
    expect(challenge).toMatchObject({ operation: "updateLinkCredentials", link: MFA_LINK, expectsUserInput: true });
    expect(challenge.session).toMatch(/^[a-f0-9]{32}$/);
    expect(Date.parse(challenge.expiresAt!)).toBeGreaterThanOrEqual(before + 600_000);
    expect(Date.parse(challenge.expiresAt!)).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(() => unwrap(result)).toThrow(BelvoApiError);
  });

  it("answers 404 for an unknown link, with Belvo's request id", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(UNKNOWN_LINK, { password: "new-password" });
    expect(result.response.status).toBe(404);
    expect(isNotFound(result.error)).toBe(true);
    expect(result.requestId).toBe(result.error![0]!.request_id);
    const thrown = (() => {
      try {
        unwrap(result);
      } catch (error) {
        return error as BelvoApiError;
      }
    })()!;
    expect(thrown).toMatchObject({
      name: "BelvoApiError",
      status: 404,
      codes: ["not_found"],
      requestId: result.requestId,
    });
    expect(thrown.request).toBe(`PUT /api/links/${UNKNOWN_LINK}/`);
    expect(thrown.message).toBe(
      `PUT /api/links/${UNKNOWN_LINK}/ failed with HTTP 404 (not_found), request id ${result.requestId}`,
    );
  });

  it("answers 401 authentication_failed for wrong secrets", async () => {
    const result = await clientFor(fake(), { secretPassword: "wrong" }).updateLinkCredentials(PLAIN_LINK, {
      password: "x",
    });
    expect(result.response.status).toBe(401);
    expect(isAuthenticationFailed(result.error)).toBe(true);
  });

  it("sends the body under the spec's names, exactly as given", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(PLAIN_LINK, { password: "p1", password2: "p2" });
    expect(result.response.status).toBe(200);
    expect(fake().exchanges.at(-1)!.bodyFields).toEqual(["password", "password2"]);
    expect(result.request).toBe(`PUT /api/links/${PLAIN_LINK}/`);
  });

  it("refuses unknown call options (nothing is dropped silently)", async () => {
    const sent = fake().exchanges.length;
    const call = clientFor(fake()).updateLinkCredentials(PLAIN_LINK, { password: "p" }, { timeout: 5 } as never);
    await expect(call).rejects.toMatchObject({ name: "BelvoInputError", field: "timeout" });
    expect(fake().exchanges.length).toBe(sent);
  });

  it("refuses a signal that is no AbortSignal (an EventTarget): fetch's Request threw a TypeError for it", async () => {
    const sent = fake().exchanges.length;
    const call = clientFor(fake()).updateLinkCredentials(
      PLAIN_LINK,
      { password: "p" },
      {
        signal: new EventTarget() as AbortSignal,
      },
    );
    await expect(call).rejects.toMatchObject({ name: "BelvoInputError", field: "signal" });
    expect(fake().exchanges.length).toBe(sent);
  });

  describe("refuses bad input before anything is sent", () => {
    const cases: Array<[string, unknown, unknown, string]> = [
      ["a link id that is not a UUID", "not-a-uuid", { password: "p" }, "id"],
      ["a link id that tries another path", "../owners", { password: "p" }, "id"],
      ["a link id with a query", `${PLAIN_LINK}?x=1`, { password: "p" }, "id"],
      ["a missing link id", undefined, { password: "p" }, "id"],
      ["a missing password", PLAIN_LINK, {}, "password"],
      ["an empty password", PLAIN_LINK, { password: "" }, "password"],
      ["a password that is not a string", PLAIN_LINK, { password: 1234 }, "password"],
      ["an empty second password", PLAIN_LINK, { password: "p", password2: "" }, "password2"],
      ["a second password that is not a string", PLAIN_LINK, { password: "p", password2: 5 }, "password2"],
      ["a misspelt second password", PLAIN_LINK, { password: "p", passwrod2: "q" }, "passwrod2"],
      ["a field of another operation", PLAIN_LINK, { password: "p", save_data: false }, "save_data"],
      ["an empty token", PLAIN_LINK, { password: "p", token: "" }, "token"],
      ["no credentials object", PLAIN_LINK, undefined, "the PUT /api/links/{id}/ body"],
      ["credentials as a string", PLAIN_LINK, "p", "the PUT /api/links/{id}/ body"],
    ];
    it.each(cases)("%s", async (_what, linkId, credentials, field) => {
      const sent = fake().exchanges.length;
      const call = clientFor(fake()).updateLinkCredentials(linkId as string, credentials as { password: string });
      await expect(call).rejects.toThrow(BelvoInputError);
      await expect(call).rejects.toMatchObject({ field });
      expect(fake().exchanges.length).toBe(sent);
    });
  });
});
