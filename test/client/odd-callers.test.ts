// An odd caller's values: what JSON.stringify would change, drop or call (a class instance, a toJSON, a getter, a
// symbol key, a bigint) and keys that live on Object.prototype are refused before the wire, naming the field.
import { describe, expect, it } from "vitest";
import { BelvoInputError, tokenChallenge } from "../../src/index.js";
import { plainCopy } from "../../src/input/check-input.js";
import { clientFor, MFA_LINK, PLAIN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();
const SESSION = "a".repeat(32);

class Credentials {
  constructor(readonly password: string) {}
}

/** Calls `send`, expects a BelvoInputError for `field`, and that the fake saw no request. */
async function expectRefused(field: string, send: () => Promise<unknown>): Promise<void> {
  const before = fake().exchanges.length;
  const error = await send().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BelvoInputError);
  expect(error).toMatchObject({ field });
  expect(fake().exchanges).toHaveLength(before);
}

describe("an odd caller's body", () => {
  const belvo = () => clientFor(fake());
  const update = (body: unknown) => () => belvo().updateLinkCredentials(PLAIN_LINK, body as never);

  it.each<[string, string, () => unknown]>([
    ["a class instance", "the PUT /api/links/{id}/ body", () => new Credentials("p")],
    ["an object with a toJSON that adds a token", "toJSON", () => ({ password: "p", toJSON: () => ({ token: "1" }) })],
    [
      "a getter",
      "token",
      () => Object.defineProperty({ password: "p" }, "token", { get: () => "1", enumerable: true }),
    ],
    ["a non-enumerable field", "token", () => Object.defineProperty({ password: "p" }, "token", { value: "1" })],
    ["a symbol key", "the PUT /api/links/{id}/ body", () => ({ password: "p", [Symbol("token")]: "1" })],
    ["a bigint", "password", () => ({ password: 1n })],
    ["a Date", "password", () => ({ password: new Date() })],
    ["a function", "password", () => ({ password: () => "p" })],
    ["a revoked Proxy", "the PUT /api/links/{id}/ body", () => revoked()],
  ])("refuses %s", async (_, field, body) => {
    await expectRefused(field, update(body()));
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])(
    "refuses the key %s, which lives on Object.prototype, not in the spec",
    async (key) => {
      const body = JSON.parse(`{"password":"p","${key}":"x"}`);
      await expectRefused(key, update(body));
    },
  );

  it("refuses a request whose body a middleware read (it can no longer be sent), naming it, with nothing sent", async () => {
    const client = belvo();
    client.api.use({ onRequest: async ({ request }) => void (await request.text()) });
    const update = () => client.updateLinkCredentials(PLAIN_LINK, { password: "p" });
    await expectRefused("request", update);
    await expect(update()).rejects.toMatchObject({
      reason: expect.stringContaining("something read before it was sent"),
    });
  });

  it("refuses Object.prototype keys in the query, and a query that is a class instance", async () => {
    const owners = (query: unknown) => () =>
      belvo().completeOwnersRequest({ session: SESSION, link: MFA_LINK }, { query: query as never });
    await expectRefused("constructor", owners(JSON.parse('{"constructor":"x"}')));
    await expectRefused("toString", owners({ toString: "x" }));
    await expectRefused("the PATCH /api/owners/ query", owners(new URLSearchParams({ fields: "id" })));
  });

  it("refuses a lone surrogate, which no URL can carry, in the query and the body", async () => {
    const owners = (query: object) => () =>
      belvo().completeOwnersRequest({ session: SESSION, link: MFA_LINK }, { query: query as never });
    await expectRefused("fields", owners({ fields: "\uD800" }));
    await expectRefused("password", update({ password: "p\uDC00" }));
  });

  it("refuses an array with a hole or a key that is no element (JSON would send null, or drop it)", () => {
    const holey = [1, , 3];
    const keyed = Object.assign([1, 2], { extra: "x" });
    const sparseAndKeyed = Object.assign([1, , 3], { extra: "x" });
    expect(() => plainCopy({ list: holey }, "body")).toThrow(expect.objectContaining({ field: "list" }));
    expect(() => plainCopy({ list: keyed }, "body")).toThrow(expect.objectContaining({ field: "list[extra]" }));
    expect(() => plainCopy({ list: sparseAndKeyed }, "body")).toThrow(BelvoInputError);
    expect(plainCopy({ list: [1, [2], { a: null }] }, "body")).toEqual({ list: [1, [2], { a: null }] });
  });

  it("refuses the same in the resume helpers' bodies", async () => {
    const challenge = tokenChallenge(await belvo().updateLinkCredentials(MFA_LINK, { password: "p" }))!;
    const owners = tokenChallenge(await belvo().retrieveOwners({ link: MFA_LINK }))!;
    const before = fake().exchanges.length;
    await expectRefused("body", () => belvo().resumeLinkUpdate(challenge, "1", new Credentials("p") as never));
    const withGetter = Object.defineProperty({}, "password", { get: () => "p", enumerable: true });
    await expectRefused("password", () => belvo().resumeLinkUpdate(challenge, "1", withGetter as never));
    await expectRefused("save_data.toJSON", () =>
      belvo().resumeOwnersRequest(owners, "1", { save_data: { toJSON: () => true } } as never),
    );
    expect(fake().exchanges).toHaveLength(before);
  });

  it("sends exactly what passed the checks: a plain body goes out as it is", async () => {
    const result = await belvo().updateLinkCredentials(PLAIN_LINK, { password: "p", password2: undefined });
    expect(result.ok).toBe(true);
    expect(fake().exchanges.at(-1)?.bodyFields).toEqual(["password"]);
  });
});

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({ password: "p" }, {});
  revoke();
  return proxy;
}
