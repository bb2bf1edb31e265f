// The fake Belvo itself: spec-shaped answers, auth, faults, and a clean stop.
import { describe, expect, it } from "vitest";
import { createBelvoClient, tokenChallenge } from "../../src/index.js";
import { createFakeBelvo, startFakeBelvo } from "../../src/testing/index.js";
import {
  clientFor,
  expectSpecShapedExchanges,
  MFA_LINK,
  PLAIN_LINK,
  UNKNOWN_LINK,
  useFakeBelvo,
} from "../helpers/fake-belvo.js";
import { responseErrors } from "../helpers/spec-validator.js";

const fake = useFakeBelvo();

const auth = () => `Basic ${btoa(`${fake().secretId}:${fake().secretPassword}`)}`;
const raw = (path: string, init: RequestInit) => fetch(`${fake().url}${path}`, init);

describe("fake Belvo", () => {
  it("listens on 127.0.0.1 only", () => {
    expect(new URL(fake().url).hostname).toBe("127.0.0.1");
  });

  it("answers 401 without the right basic auth, spec-shaped", async () => {
    const response = await raw(`/api/links/${PLAIN_LINK}/`, { method: "PUT", body: JSON.stringify({ password: "p" }) });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body[0].code).toBe("authentication_failed");
    expect(responseErrors("updateLinkCredentials", "401", body)).toEqual([]);
  });

  it("answers 400 required/blank for a missing or empty password, 404 for unknown links and paths", async () => {
    const headers = { authorization: auth(), "content-type": "application/json" };
    const missing = await (await raw(`/api/links/${PLAIN_LINK}/`, { method: "PUT", headers, body: "{}" })).json();
    expect(missing).toMatchObject([{ code: "required", field: "password" }]);
    const blank = await (
      await raw(`/api/links/${PLAIN_LINK}/`, { method: "PUT", headers, body: '{"password":""}' })
    ).json();
    expect(blank).toMatchObject([{ code: "blank", field: "password" }]);
    expect(
      (await raw(`/api/links/${UNKNOWN_LINK}/`, { method: "PUT", headers, body: '{"password":"p"}' })).status,
    ).toBe(404);
    expect((await raw(`/api/other/`, { method: "GET", headers })).status).toBe(404);
  });

  it("opens a fresh session with each 428", async () => {
    const belvo = clientFor(fake());
    const first = await belvo.updateLinkCredentials(MFA_LINK, { password: "p" });
    const second = await belvo.updateLinkCredentials(MFA_LINK, { password: "p" });
    expect((first.error as Array<{ session: string }>)[0]!.session).not.toBe(
      (second.error as Array<{ session: string }>)[0]!.session,
    );
    expect(tokenChallenge(first)!.tokenGenerationData).toMatchObject({
      type: "numeric",
      value: expect.stringMatching(/^\d{6}$/),
    });
  });

  it("gave only spec-valid answers in this file", () => {
    expect(fake().exchanges.filter((e) => !e.faulted).length).toBeGreaterThan(5);
    expectSpecShapedExchanges(fake());
  });

  it("answers the API root (GET /api/), which SDKs call to check the keys", async () => {
    expect((await raw("/api/", { headers: { authorization: auth() } })).status).toBe(200);
    expect((await raw("/api/", {})).status).toBe(401);
  });

  it("lets a session be resumed repeatedly with singleUseSessions: false (for benchmarks)", async () => {
    const reusable = await startFakeBelvo({ singleUseSessions: false, record: false });
    try {
      const belvo = clientFor(reusable);
      const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
      for (let i = 0; i < 3; i++) {
        expect(
          (await belvo.resumeOwnersRequest(challenge, reusable.mfaTokenFor(MFA_LINK), { save_data: true })).response
            .status,
        ).toBe(201);
      }
      expect(reusable.exchanges).toEqual([]);
    } finally {
      await reusable.close();
    }
  });

  it("stops listening when closed", async () => {
    const other = await startFakeBelvo();
    await other.close();
    await expect(fetch(`${other.url}/api/owners/`, { method: "PATCH" })).rejects.toThrow();
  });
});

// After "gave only spec-valid answers": a 404 for a malformed path is not part of the spec. (405s for methods the
// spec does not define: fake-operations.test.ts.)
describe("fake Belvo, requests outside the spec", () => {
  const headers = () => ({ authorization: auth(), "content-type": "application/json" });

  it("answers a malformed percent-escape in the link id with a 404, never a dropped socket", async () => {
    const response = await raw("/api/links/%E0%A4%A/", { method: "PUT", headers: headers(), body: '{"password":"p"}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject([{ code: "not_found" }]);
  });
});

describe("fake Belvo, content type and clock", () => {
  it("refuses a body that is not application/json with Belvo's 400, spec-shaped", async () => {
    const headers = { authorization: auth(), "content-type": "text/plain" };
    const response = await raw(`/api/links/${PLAIN_LINK}/`, { method: "PUT", headers, body: '{"password":"p"}' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject([{ code: "invalid", message: expect.stringContaining("text/plain") }]);
    expect(responseErrors("updateLinkCredentials", "400", body)).toEqual([]);
  });

  it("expires sessions on the clock it is given, without waiting", async () => {
    let now = new Date("2026-11-23T10:00:00Z");
    const clocked = await startFakeBelvo({ now: () => now, sessionTtlSeconds: 60 });
    try {
      const belvo = clientFor(clocked);
      const challenge = tokenChallenge(await belvo.retrieveOwners({ link: MFA_LINK }))!;
      now = new Date(now.getTime() + 61_000); // the fake's clock only: the client's challenge has not expired
      const late = await belvo.completeOwnersRequest({
        session: challenge.session,
        link: MFA_LINK,
        token: clocked.mfaTokenFor(MFA_LINK),
      });
      expect(late.response.status).toBe(400);
      expect(late.error).toMatchObject([{ code: "session_expired" }]);
    } finally {
      await clocked.close();
    }
  });
});

describe("fake Belvo validates every request against the spec's rules, as Belvo answers", () => {
  const headers = () => ({ authorization: auth(), "content-type": "application/json" });
  const put = async (body: string) => {
    const response = await raw(`/api/links/${PLAIN_LINK}/`, { method: "PUT", headers: headers(), body });
    return { status: response.status, body: await response.json() };
  };

  it.each([
    ['{"password": 123}', [{ code: "invalid", field: "password" }]],
    ["{}", [{ code: "required", field: "password" }]],
    ['{"password": null}', [{ code: "null", field: "password" }]],
    ['{"password": "p", "password2": 5}', [{ code: "invalid", field: "password2" }]],
    ['{"password": "p", "token": ""}', [{ code: "blank", field: "token" }]],
    [
      '{"password": "", "token": 7}',
      [
        { code: "blank", field: "password" },
        { code: "invalid", field: "token" },
      ],
    ],
    ["null", [{ code: "invalid" }]],
    ['["a"]', [{ code: "invalid" }]],
  ])("PUT /api/links/{id}/ with %s → 400 %o", async (body, errors) => {
    const answer = await put(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject(errors);
    expect(answer.body).toHaveLength(errors.length);
    expect(responseErrors("updateLinkCredentials", "400", answer.body)).toEqual([]);
  });

  it("refuses save_data that is not a boolean after a real 428, and an empty fields query", async () => {
    const challenge = tokenChallenge(await clientFor(fake()).retrieveOwners({ link: MFA_LINK }))!;
    const patch = (body: object, query = "") =>
      raw(`/api/owners/${query}`, { method: "PATCH", headers: headers(), body: JSON.stringify(body) });
    const token = fake().mfaTokenFor(MFA_LINK);
    const resume = { session: challenge.session, link: MFA_LINK, token };
    const badFlag = await patch({ ...resume, save_data: "nope" });
    expect(badFlag.status).toBe(400);
    expect(await badFlag.json()).toMatchObject([{ code: "invalid", field: "save_data" }]);
    const badQuery = await patch(resume, "?fields=");
    expect(await badQuery.json()).toMatchObject([{ code: "blank", field: "fields" }]);
    expect((await patch(resume)).status).toBe(201); // the session was not used up by the refused requests
  });
});

describe("fake Belvo reads Basic auth itself (RFC 7617: base64 of UTF-8 user:password, split at the first colon)", () => {
  const secretId = "id-ñ";
  const secretPassword = "pä:ss:wörd";
  const fakeWithSecrets = () => createFakeBelvo({ secretId, secretPassword });
  const utf8Base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  const status = async (authorization: string) =>
    (await fakeWithSecrets().fetch("https://sandbox.belvo.com/api/", { headers: { authorization } })).status;

  it("takes the credentials encoded as RFC 7617 says, and the client's, and refuses any other encoding", async () => {
    expect(await status(`Basic ${utf8Base64(`${secretId}:${secretPassword}`)}`)).toBe(200);
    // Latin-1 bytes for ñ, ä, ö: another encoding of the same text, refused as Belvo would.
    expect(await status(`Basic ${btoa(`${secretId}:${secretPassword}`)}`)).toBe(401);
    for (const wrong of ["Basic", "Basic !!!", `Bearer ${utf8Base64(`${secretId}:${secretPassword}`)}`]) {
      expect(await status(wrong)).toBe(401);
    }
    expect(await status(`Basic ${utf8Base64(`${secretId}:pä`)}`)).toBe(401);
    // The client's own encoding meets the fake's reading: a non-ASCII secret authenticates.
    const fake = fakeWithSecrets();
    const belvo = createBelvoClient({ secretId, secretPassword, fetch: fake.fetch });
    const result = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", { password: "p" });
    expect(result.response.status).not.toBe(401);
  });
});
