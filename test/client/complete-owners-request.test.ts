import { describe, expect, it } from "vitest";
import { BelvoInputError, isSessionExpired, tokenChallenge, type TokenChallenge } from "../../src/index.js";
import { clientFor, DEVICE_LINK, MFA_LINK, PLAIN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();

/** A fresh 428 session on a link, as an owners request (POST /api/owners/) opens it. */
async function challengeFor(linkId: string): Promise<TokenChallenge> {
  return tokenChallenge(await clientFor(fake()).retrieveOwners({ link: linkId }))!;
}

describe("completeOwnersRequest", () => {
  it("answers 201 with owners when saving (the default)", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    const result = await clientFor(fake()).completeOwnersRequest({
      session,
      link,
      token: fake().mfaTokenFor(MFA_LINK),
    });
    expect(result.response.status).toBe(201);
    expect(result.data).toHaveLength(1);
    expect(result.data![0]).toMatchObject({ link: MFA_LINK, display_name: expect.any(String) });
    expect(fake().exchanges.at(-1)!.bodyFields).toEqual(["session", "link", "token"]);
  });

  it("answers 200 with save_data false, sending save_data and the fields/omit query", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    const result = await clientFor(fake()).completeOwnersRequest(
      { session, link, token: fake().mfaTokenFor(MFA_LINK), save_data: false },
      { query: { fields: "id,display_name", omit: "email" } },
    );
    expect(result.response.status).toBe(200);
    const exchange = fake().exchanges.at(-1)!;
    expect(exchange.bodyFields).toEqual(["session", "link", "token", "save_data"]);
    expect(new URLSearchParams(exchange.query).get("fields")).toBe("id,display_name");
    expect(new URLSearchParams(exchange.query).get("omit")).toBe("email");
  });

  it("returns the Brazil individual owner shape, resuming without a token after device confirmation", async () => {
    const challenge = await challengeFor(DEVICE_LINK);
    expect(challenge.expectsUserInput).toBe(false);
    const result = await clientFor(fake()).completeOwnersRequest({ session: challenge.session, link: DEVICE_LINK });
    expect(result.response.status).toBe(201);
    expect(result.data![0]).toHaveProperty("birth_date");
  });

  it("answers 400 login_error for a wrong token, and the session stays open for the right one", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    const wrong = await clientFor(fake()).completeOwnersRequest({ session, link, token: "000000" });
    expect(wrong.response.status).toBe(400);
    expect(wrong.error![0]!.code).toBe("login_error");
    const right = await clientFor(fake()).completeOwnersRequest({ session, link, token: fake().mfaTokenFor(MFA_LINK) });
    expect(right.response.status).toBe(201);
  });

  it("answers 400 session_expired for a session that expired server-side", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    fake().expireSessions();
    const result = await clientFor(fake()).completeOwnersRequest({
      session,
      link,
      token: fake().mfaTokenFor(MFA_LINK),
    });
    expect(result.response.status).toBe(400);
    expect(isSessionExpired(result.error)).toBe(true);
  });

  it("answers 400 session_expired for a link that never paused", async () => {
    const result = await clientFor(fake()).completeOwnersRequest({ session: "a".repeat(32), link: PLAIN_LINK });
    expect(isSessionExpired(result.error)).toBe(true);
  });

  it("sends the body under the spec's names, exactly as given", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    const body = { session, link, token: fake().mfaTokenFor(MFA_LINK), save_data: false };
    const result = await clientFor(fake()).completeOwnersRequest(body);
    expect(result.response.status).toBe(200); // save_data false reached Belvo: nothing was stored
    expect(fake().exchanges.at(-1)!.bodyFields).toEqual(["session", "link", "token", "save_data"]);
    expect(result.request).toBe("PATCH /api/owners/");
  });

  it("names the unknown key, suggests the spec's name, and never shows a value", async () => {
    const { session, link } = await challengeFor(MFA_LINK);
    const error = (await clientFor(fake())
      .completeOwnersRequest({ session, link, token: "s3cr3t-token", saveData: false } as never)
      .catch((e: unknown) => e)) as BelvoInputError;
    expect(error).toBeInstanceOf(BelvoInputError);
    expect(error.message).toContain('"saveData"');
    expect(error.message).toContain('did you mean "save_data"?');
    expect(error.message).not.toContain("s3cr3t-token");
    expect(error.message).not.toContain(session);
  });

  describe("refuses bad input before anything is sent", () => {
    const valid = { session: "2675b703b9d4451f8d4861a3eee54449", link: MFA_LINK, token: "123456" };
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown> | undefined, string]> = [
      ["a missing session", { ...valid, session: undefined }, undefined, "session"],
      ["an upper-case session", { ...valid, session: valid.session.toUpperCase() }, undefined, "session"],
      ["a session of 31 characters", { ...valid, session: valid.session.slice(1) }, undefined, "session"],
      ["a session with a 32-hex run inside", { ...valid, session: `x${valid.session}x` }, undefined, "session"],
      ["a link that is not a UUID", { ...valid, link: "link" }, undefined, "link"],
      ["an empty token", { ...valid, token: "" }, undefined, "token"],
      ["save_data that is not a boolean", { ...valid, save_data: "false" }, undefined, "save_data"],
      ["saveData, a camelCase name the spec does not define", { ...valid, saveData: false }, undefined, "saveData"],
      ["a misspelt key", { ...valid, sesion: valid.session }, undefined, "sesion"],
      ["a body that is an array", [valid] as never, undefined, "the PATCH /api/owners/ body"],
      ["a body that is null", null as never, undefined, "the PATCH /api/owners/ body"],
      ["an empty fields query", valid, { query: { fields: "" } }, "fields"],
      ["an unknown query key", valid, { query: { field: "id" } }, "field"],
      ["a query key among the call options", valid, { fields: "id" }, "fields"],
      ["a timeoutMs that is not a number", valid, { timeoutMs: "5" }, "timeoutMs"],
      ["a signal that is not an AbortSignal", valid, { signal: "stop" }, "signal"],
    ];
    it.each(cases)("%s", async (_what, input, options, field) => {
      const sent = fake().exchanges.length;
      const call = clientFor(fake()).completeOwnersRequest(input as never, options as never);
      await expect(call).rejects.toThrow(BelvoInputError);
      await expect(call).rejects.toMatchObject({ field });
      expect(fake().exchanges.length).toBe(sent);
    });
  });
});
