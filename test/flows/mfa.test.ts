// Both MFA flows end to end against the fake Belvo over 127.0.0.1, with the server's own request counts.
import { describe, expect, it } from "vitest";
import {
  BelvoInputError,
  isSessionExpired,
  parseTokenChallenge,
  tokenChallenge,
  unwrap,
  type TokenChallenge,
} from "../../src/index.js";
import { clientFor, DEVICE_LINK, MFA_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();

describe("MFA flow: owners request (POST) → 428 → PATCH with the session and token", () => {
  it("completes with the user's token, and the token is sent exactly once", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    expect(challenge.tokenGenerationData).toMatchObject({ type: "numeric", expects_user_input: true });

    const sent = fake().exchanges.length;
    const owners = unwrap(
      await belvo.resumeOwnersRequest(challenge, fake().mfaTokenFor(MFA_LINK)!, { save_data: true }),
    );
    expect(owners[0]).toMatchObject({ link: MFA_LINK });
    expect(
      fake()
        .exchanges.slice(sent)
        .map((e) => [e.method, e.status, e.tokenSent]),
    ).toEqual([["PATCH", 201, true]]);
  });

  it("cannot reuse a challenge: the session was consumed", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    await belvo.resumeOwnersRequest(challenge, fake().mfaTokenFor(MFA_LINK)!, { save_data: true });
    const again = await belvo.resumeOwnersRequest(challenge, fake().mfaTokenFor(MFA_LINK)!, { save_data: true });
    expect(isSessionExpired(again.error)).toBe(true);
  });

  it("passes save_data false through (200, not persisted)", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const result = await belvo.resumeOwnersRequest(challenge, fake().mfaTokenFor(MFA_LINK)!, { save_data: false });
    expect(result.response.status).toBe(200);
  });

  it("resumes without a token when the user confirms on another device", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: DEVICE_LINK }))!;
    expect(challenge.expectsUserInput).toBe(false);
    const result = await belvo.resumeOwnersRequest(challenge, undefined, { save_data: true });
    expect(result.response.status).toBe(201);
    expect(fake().exchanges.at(-1)!.tokenSent).toBe(false);
  });

  it("refuses, before sending, an expired challenge or a missing token the user must type", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const sent = fake().exchanges.length;
    const expired = { ...challenge, expiresAt: new Date(Date.now() - 1).toISOString() };
    await expect(belvo.resumeOwnersRequest(expired, "123456", { save_data: true })).rejects.toMatchObject({
      name: "BelvoInputError",
      field: "challenge",
    });
    await expect(belvo.resumeOwnersRequest(challenge, undefined, { save_data: true })).rejects.toMatchObject({
      field: "token",
    });
    await expect(belvo.resumeLinkUpdate(expired, "123456", { password: "p" })).rejects.toThrow(BelvoInputError);
    expect(fake().exchanges.length).toBe(sent);
  });

  it("accepts a challenge that went through JSON (stored between two page views)", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const stored = JSON.stringify(challenge);
    const restored = parseTokenChallenge(JSON.parse(stored));
    expect(restored).toEqual(challenge);
    expect(parseTokenChallenge(stored)).toEqual(challenge);
    expect(
      (await belvo.resumeOwnersRequest(restored, fake().mfaTokenFor(MFA_LINK)!, { save_data: true })).response.status,
    ).toBe(201);
  });

  it("refuses a stored value that is not a challenge, naming the key at fault, with nothing sent", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const sent = fake().exchanges.length;
    const broken: Array<[unknown, RegExp]> = [
      [null, /must be the object tokenChallenge\(\) returned/],
      ["{not json", /is not JSON/],
      [{ ...challenge, operation: "getAccounts" }, /operation/],
      [{ ...challenge, session: 42 }, /session/],
      // Strings still, but not what a 428 gives: refused as the challenge by the spec's rules for PATCH's body.
      [{ ...challenge, session: "xyz" }, /no valid `session` \(must match/],
      [{ ...challenge, link: "not-a-uuid" }, /no valid `link` \(must be a UUID/],
      [{ ...challenge, expiresAt: new Date(0) }, /expiresAt/],
      [{ ...challenge, expiresAt: "tomorrow" }, /expiresAt/],
      [{ ...challenge, expectsUserInput: "yes" }, /expectsUserInput/],
      [{ ...challenge, tokenGenerationData: "QR" }, /tokenGenerationData/],
      [{ ...challenge, requestId: 7 }, /requestId/],
      // A key the challenge never has is refused, not carried along unread (a misspelt one is named).
      [
        { ...challenge, expires_at: challenge.expiresAt },
        /`expires_at`, which is not a field of a challenge \(did you mean "expiresAt"\?\)/,
      ],
    ];
    for (const [stored, reason] of broken) {
      expect(() => parseTokenChallenge(stored)).toThrow(reason);
      await expect(
        belvo.resumeOwnersRequest(stored as TokenChallenge, "123456", { save_data: true }),
      ).rejects.toMatchObject({
        name: "BelvoInputError",
        field: "challenge",
      });
    }
    expect(fake().exchanges.length).toBe(sent);
  });

  it("keeps the flows apart: each helper refuses the other's challenge, and the fake the other's session", async () => {
    const belvo = clientFor(fake());
    const owners = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const update = tokenChallenge(await belvo.updateLinkCredentials(MFA_LINK, { password: "new-password" }))!;
    const sent = fake().exchanges.length;
    const token = fake().mfaTokenFor(MFA_LINK)!;
    await expect(belvo.resumeOwnersRequest(update, token, { save_data: true })).rejects.toMatchObject({
      field: "challenge",
      reason: expect.stringMatching(/updateLinkCredentials.*finish it with resumeLinkUpdate/),
    });
    await expect(belvo.resumeLinkUpdate(owners, token, { password: "p" })).rejects.toMatchObject({
      reason: expect.stringMatching(/retrieveOwners.*finish it with resumeOwnersRequest/),
    });
    expect(fake().exchanges.length).toBe(sent);
    // Sent anyway (a raw call): Belvo finishes a link update's session with its PUT, never with PATCH.
    const { session, link } = update;
    const patched = await belvo.completeOwnersRequest({ session, link, token });
    expect(patched.response.status).toBe(400);
    expect(patched.error).toMatchObject([{ code: "invalid", field: "session" }]);
  });
});

describe("MFA flow: link update → 428 → the same PUT with the token", () => {
  it("completes with resumeLinkUpdate, and the token is sent exactly once", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.updateLinkCredentials(MFA_LINK, { password: "new-password" }))!;
    const sent = fake().exchanges.length;
    const link = unwrap(
      await belvo.resumeLinkUpdate(challenge, fake().mfaTokenFor(MFA_LINK)!, { password: "new-password" }),
    );
    expect(link).toMatchObject({ id: MFA_LINK, status: "valid" });
    expect(
      fake()
        .exchanges.slice(sent)
        .map((e) => [e.method, e.path, e.status, e.tokenSent]),
    ).toEqual([["PUT", `/api/links/${MFA_LINK}/`, 200, true]]);
  });

  it("completes without a token after device confirmation", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.updateLinkCredentials(DEVICE_LINK, { password: "new-password" }))!;
    const result = await belvo.resumeLinkUpdate(challenge, undefined, { password: "new-password" });
    expect(result.response.status).toBe(200);
  });
});

describe("the resume helpers take the spec's names and refuse anything else, sending nothing", () => {
  it("resumeOwnersRequest sends save_data as given, beside the challenge's session and link and the token", async () => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const result = await belvo.resumeOwnersRequest(challenge, fake().mfaTokenFor(MFA_LINK)!, { save_data: false });
    expect(result.response.status).toBe(200);
    expect(fake().exchanges.at(-1)!.bodyFields).toEqual(["save_data", "session", "link", "token"]);
  });

  it.each([
    ["a camelCase saveData", { saveData: false }, "saveData"],
    ["a session (it comes from the challenge)", { session: "a".repeat(32) }, "session"],
    ["a token in the body (it is the second argument)", { token: "123456" }, "token"],
    ["save_data that is not a boolean", { save_data: "false" }, "save_data"],
    // Left out, Belvo's PATCH saves the owners, whatever the POST that met the 428 asked.
    ["no save_data", {}, "save_data"],
    ["no body", undefined, "body"],
  ])("resumeOwnersRequest refuses %s", async (_what, body, field) => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
    const sent = fake().exchanges.length;
    const call = belvo.resumeOwnersRequest(challenge, "123456", body as never);
    await expect(call).rejects.toThrow(BelvoInputError);
    await expect(call).rejects.toMatchObject({ field });
    expect(fake().exchanges.length).toBe(sent);
  });

  it.each([
    ["a token in the body (it is the second argument)", { password: "p", token: "123456" }, "token"],
    ["a misspelt second password", { password: "p", passwrod2: "q" }, "passwrod2"],
    ["no password", {}, "password"],
  ])("resumeLinkUpdate refuses %s", async (_what, body, field) => {
    const belvo = clientFor(fake());
    const challenge = tokenChallenge(await belvo.updateLinkCredentials(MFA_LINK, { password: "new-password" }))!;
    const sent = fake().exchanges.length;
    const call = belvo.resumeLinkUpdate(challenge, "123456", body as never);
    await expect(call).rejects.toThrow(BelvoInputError);
    await expect(call).rejects.toMatchObject({ field });
    expect(fake().exchanges.length).toBe(sent);
  });
});
