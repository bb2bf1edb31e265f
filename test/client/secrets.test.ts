// Secrets (Belvo keys, bank passwords, MFA tokens) never show in errors, their inspection or JSON, nor in the client.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createBelvoClient, unwrap } from "../../src/index.js";
import { MFA_LINK, PLAIN_LINK, UNKNOWN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";
import { expectNothingShown } from "../helpers/hostile-server.js";

const SECRET_ID = "secret-id-Zq81vX";
const SECRET_PASSWORD = "secret-password-Kd02mW";
const BANK_PASSWORD = "bank-password-Hy77pL";
const TOKEN = "token-Rb55tQ";
const SECRETS = [SECRET_ID, SECRET_PASSWORD, BANK_PASSWORD, TOKEN, btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)];

const fake = useFakeBelvo({ secretId: SECRET_ID, secretPassword: SECRET_PASSWORD });

/** Every way a secret could escape from a value: its message, inspection (with causes), and JSON. */
function renderings(value: unknown): string[] {
  return [String(value), inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? ""];
}

function expectNoSecret(value: unknown): void {
  for (const text of renderings(value)) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("the call did not fail");
}

describe("secrets", () => {
  const client = (options = {}) =>
    createBelvoClient({
      secretId: SECRET_ID,
      secretPassword: SECRET_PASSWORD,
      baseUrl: fake().url,
      retry: false,
      ...options,
    });

  it("are not readable from the client object", () => {
    expectNoSecret(client());
    expect(Object.keys(client())).not.toContain("secretPassword");
  });

  it("are absent from input errors", async () => {
    expectNoSecret(
      await failure(() => client().updateLinkCredentials("not-a-uuid", { password: BANK_PASSWORD, token: TOKEN })),
    );
    expectNoSecret(
      await failure(() => client().updateLinkCredentials(PLAIN_LINK, { password: BANK_PASSWORD, password2: "" })),
    );
    expectNoSecret(
      await failure(() => client().completeOwnersRequest({ session: TOKEN, link: MFA_LINK, token: TOKEN })),
    );
    expectNoSecret(await failure(async () => createBelvoClient({ secretId: SECRET_ID, secretPassword: "" })));
    expectNoSecret(
      await failure(async () =>
        createBelvoClient({ secretId: SECRET_ID, secretPassword: SECRET_PASSWORD, baseUrl: "http://example.com" }),
      ),
    );
  });

  it("are absent from API errors thrown by unwrap, and from results", async () => {
    const { unwrap } = await import("../../src/index.js");
    const result = await client().updateLinkCredentials(MFA_LINK, { password: BANK_PASSWORD, token: TOKEN });
    expect(result.response.status).toBe(400);
    expectNoSecret(result);
    expectNoSecret(await failure(async () => unwrap(result)));
    expectNoSecret(await client().updateLinkCredentials(PLAIN_LINK, { password: BANK_PASSWORD }));
  });

  it("are absent from timeout, network and malformed-response errors", async () => {
    // The timed-out request has a path of its own: aborted after 20 ms, it may reach the fake late, and must not
    // take the faults set for the next requests (which match only their own path).
    fake().injectFault({ match: { path: `/api/links/${UNKNOWN_LINK}/` }, delayMs: 2_000 });
    expectNoSecret(
      await failure(() =>
        client({ timeoutMs: 20 }).updateLinkCredentials(UNKNOWN_LINK, { password: BANK_PASSWORD, token: TOKEN }),
      ),
    );
    fake().injectFault({ match: { path: `/api/links/${PLAIN_LINK}/` }, drop: "before-response" });
    expectNoSecret(
      await failure(() => client().updateLinkCredentials(PLAIN_LINK, { password: BANK_PASSWORD, token: TOKEN })),
    );
    fake().injectFault({ match: { path: `/api/links/${PLAIN_LINK}/` }, status: 502, body: "<html>Bad gateway</html>" });
    expectNoSecret(
      await failure(() => client().updateLinkCredentials(PLAIN_LINK, { password: BANK_PASSWORD, token: TOKEN })),
    );
  });

  it("are absent from what the fake Belvo records", () => {
    expectNoSecret(fake().exchanges);
  });
});

describe("what a middleware does to the request or the response", () => {
  const echoing = () =>
    createBelvoClient({
      secretId: SECRET_ID,
      secretPassword: SECRET_PASSWORD,
      baseUrl: "http://127.0.0.1:9",
      retry: false,
      // A server that answers 400 with the body it was sent in its message.
      fetch: async (_input, init) =>
        new Response(JSON.stringify([{ code: "invalid", message: String(init?.body) }]), { status: 400 }),
    });

  it("redacts the secrets of a body a middleware prefixed with a byte order mark", async () => {
    const belvo = echoing();
    belvo.api.use({
      onRequest: async ({ request }) => new Request(request, { body: `\uFEFF${await request.text()}` }),
    });
    const result = await belvo.updateLinkCredentials(PLAIN_LINK, { password: BANK_PASSWORD, token: TOKEN });
    expect(String(result.error?.[0]?.message)).toContain(BANK_PASSWORD); // the echo came back
    expectNoSecret(result);
  });

  it("gives a middleware's clone of a response the same typed error for a body that is not JSON", async () => {
    const belvo = createBelvoClient({
      secretId: SECRET_ID,
      secretPassword: SECRET_PASSWORD,
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => new Response(`<html>${TOKEN}</html>`, { status: 200 }),
    });
    belvo.api.use({ onResponse: ({ response }) => response.clone() });
    const error = await failure(() =>
      belvo.api.PUT("/api/links/{id}/", { params: { path: { id: PLAIN_LINK } }, body: { password: "p" } }),
    );
    expect(error).toMatchObject({ name: "BelvoMalformedResponseError" });
    expectNoSecret(error);
  });
});

describe("a secret a server echoes in a form of its own", () => {
  // Non-ASCII, characters encodeURIComponent leaves alone (`*`, `!`), a space, `&`, `/`, `"`, `<` and an emoji.
  const PASSWORD = 'contraseña*1! &/"<😀';
  const bytes = (text: string) => [...new TextEncoder().encode(text)];
  const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");
  const percent = (byte: number) => `%${hex(byte, 2).toUpperCase()}`;
  const jsonUnit = (unit: string) => `\\u${hex(unit.charCodeAt(0), 4)}`;
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  const forms: [string, string][] = [
    ["percent-encoded in lowercase", encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ["percent-encoded in mixed case", encodeURIComponent(PASSWORD).replace(/%[0-9A-F]/g, (e) => e.toLowerCase())],
    ["with every byte percent-encoded", bytes(PASSWORD).map(percent).join("")],
    [
      "with ! ' ( ) * ~ percent-encoded too",
      encodeURIComponent(PASSWORD).replace(/[!'()*~]/g, (c) => percent(c.charCodeAt(0))),
    ],
    ["by encodeURI", encodeURI(PASSWORD)],
    ["in JSON, every character as \\u, lowercase", PASSWORD.replace(/[^]/g, jsonUnit)],
    [
      "in JSON, every character as \\u, uppercase",
      PASSWORD.replace(/[^]/g, (c) => `\\u${hex(c.charCodeAt(0), 4).toUpperCase()}`),
    ],
    ["in JSON as Python writes it (non-ASCII as \\u)", json(PASSWORD).replace(/[^\x00-\x7f]/g, jsonUnit)],
    ["in JSON as Go writes it (& < > as \\u)", json(PASSWORD).replace(/[&<>]/g, jsonUnit)],
    ["in JSON with / as \\/", json(PASSWORD).replace(/\//g, "\\/")],
  ];
  const echoing = (body: unknown) =>
    createBelvoClient({
      secretId: SECRET_ID,
      secretPassword: SECRET_PASSWORD,
      baseUrl: "http://127.0.0.1:9",
      retry: false,
      fetch: async () => new Response(JSON.stringify(body), { status: 400 }),
    });

  it.each(forms)("%s", async (_, echoed) => {
    const result = await echoing([{ code: "invalid", message: `echo ${echoed}` }]).updateLinkCredentials(PLAIN_LINK, {
      password: PASSWORD,
    });
    expect(result.error?.[0]?.message).toBe(`echo ${echoed}`); // the server's bytes, as they came
    expectNothingShown(result, [echoed]);
    expectNothingShown(await failure(async () => unwrap(result)), [echoed]);
    expect(JSON.stringify(result)).toContain("echo [REDACTED]");
  });

  it("a numeric token with a leading zero, echoed as a JSON number and in text without it", async () => {
    const result = await echoing([
      { code: "invalid_token", token: 12345, message: "token 12345 rejected", attempt: 912345 },
    ]).updateLinkCredentials(PLAIN_LINK, { password: PASSWORD, token: "012345" });
    for (const shown of [JSON.stringify(result), inspect(result, { depth: Infinity })]) {
      expect(shown).not.toMatch(/(?<![0-9])12345(?![0-9])/);
      expect(shown).toContain("912345"); // another number that holds its digits
    }
  });

  it("a password of digits only is hidden whole, not inside a longer number (a balance, an account)", async () => {
    const result = await echoing([
      {
        code: "invalid",
        message: "pin 1000 rejected",
        balance: 51000.25,
        account: "acc-10001",
        url: "?pin=%221000%22",
      },
    ]).updateLinkCredentials(PLAIN_LINK, { password: "1000" });
    expect(JSON.parse(JSON.stringify(result)).error[0]).toMatchObject({
      message: "pin [REDACTED] rejected",
      url: "?pin=%22[REDACTED]%22", // after an escape's last digit, still whole
      balance: 51000.25,
      account: "acc-10001",
    });
  });

  it("settles at once for a password of 30 backslashes and an echo of 200 that never ends it", async () => {
    // Each backslash could be read as is or as half of `\\`: 2^30 ways, were a run not written one way.
    const password = `${"\\".repeat(30)}x`;
    const result = await echoing([{ code: "invalid", message: `${"\\".repeat(200)}y` }]).updateLinkCredentials(
      PLAIN_LINK,
      { password },
    );
    expect(JSON.parse(JSON.stringify(result)).error[0].message).toBe(`${"\\".repeat(200)}y`);
  });

  it("leaves text that holds no secret as it is, encodings, and a number shorter than four digits", async () => {
    const message = "La contraseña no es válida (100%, \\u00f1, a+b, ¿otra vez?, %C3%B1, 123 0)";
    const result = await echoing([{ code: "invalid", message }]).updateLinkCredentials(PLAIN_LINK, {
      password: PASSWORD,
      token: "000123",
    });
    expect(JSON.parse(JSON.stringify(result)).error[0].message).toBe(message);
  });
});
