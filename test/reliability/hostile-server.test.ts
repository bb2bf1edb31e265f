// A server we do not control, row by row: each thing it may do, and what the client does about it. Two real servers on
// 127.0.0.1: the one the client calls, and another origin that must never hear from it.
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBelvoClient, isBelvoClientError, unwrap, type BelvoClientOptions } from "../../src/index.js";
import { behaviours, expectNothingShown, startHostileServer, type HostileServer } from "../helpers/hostile-server.js";

const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const SECRET_ID = "secret-id-Ua82nQ";
const SECRET_PASSWORD = "secret-password-Vr39kL";
const BANK_PASSWORD = "bank-password-Wc51dP";
const BANK_PASSWORD2 = "bank-password2-Xe64fR";
const TOKEN = "token-Yg73hS";
const SECRETS = [
  SECRET_ID,
  SECRET_PASSWORD,
  btoa(`${SECRET_ID}:${SECRET_PASSWORD}`),
  BANK_PASSWORD,
  BANK_PASSWORD2,
  TOKEN,
];

let server: HostileServer;
let other: HostileServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startHostileServer(), startHostileServer()]);
});
afterAll(() => Promise.all([server.close(), other.close()]));
beforeEach(() => {
  server.clear();
  other.clear();
});

const client = (options: Partial<BelvoClientOptions> = {}) =>
  createBelvoClient({
    secretId: SECRET_ID,
    secretPassword: SECRET_PASSWORD,
    baseUrl: server.url,
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 200,
    ...options,
  });
const update = (body: object = { password: BANK_PASSWORD, password2: BANK_PASSWORD2 }) =>
  client()
    .updateLinkCredentials(LINK, body as never)
    .catch((error: unknown) => error);
const withToken = { password: BANK_PASSWORD, token: TOKEN };

/** A raw `belvo.api` PUT of `body` as it is (a stream, a Blob); settles to its result or its error. */
const rawPut = (body: unknown, options: Partial<BelvoClientOptions> = {}, init: object = {}) =>
  client(options)
    .api.PUT("/api/links/{id}/", {
      params: { path: { id: LINK } },
      body: body as never,
      bodySerializer: (raw: unknown) => raw as never,
      duplex: "half",
      ...init,
    } as never)
    .catch((e: unknown) => e);

const expectNoSecretShown = (value: unknown) => expectNothingShown(value, SECRETS);

describe("a redirect is an answer, never followed", () => {
  const targets = {
    "another origin": () => `${other.url}/api/links/${LINK}/`,
    "another path of the same origin": () => `${server.url}/elsewhere/`,
    "the same URL, forever": () => `${server.url}/api/links/${LINK}/`,
  };
  for (const status of [301, 302, 303, 307, 308]) {
    for (const [target, location] of Object.entries(targets)) {
      it(`${status} to ${target}: one request, a non-ok result with its Location, nothing sent elsewhere`, async () => {
        for (const body of [undefined, withToken]) {
          server.clear();
          server.behave(behaviours.redirect(status, location()));
          const result = (await update(body)) as Awaited<
            ReturnType<ReturnType<typeof client>["updateLinkCredentials"]>
          >;
          expect(result).toMatchObject({ ok: false, error: [] });
          expect(result.response.status).toBe(status);
          expect(result.response.headers.get("location")).toBe(location());
          expect(JSON.parse(JSON.stringify(result))).toMatchObject({ status, location: location() });
          expect(server.seen.map((seen) => seen.url)).toEqual([`/api/links/${LINK}/`]);
          expect(other.connections).toBe(0);
        }
      });
    }
  }

  it("a fetch of the caller's that follows anyway: the other server's answer is refused, not returned", async () => {
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "follow" });
    server.behave(behaviours.redirect(307, `${other.url}/api/links/${LINK}/`));
    other.behave(behaviours.ok({ id: LINK }));
    const error = await client({ fetch: following })
      .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BelvoMalformedResponseError", status: 200 });
    expect(String(error)).toContain("followed a redirect");
  });

  it("an https baseUrl answered 307 to plain http: nothing goes out over http", async () => {
    // The client is told https; a fetch standing for a TLS-terminating hop carries it to the test server over http.
    const httpsBase = server.url.replace("http:", "https:");
    const hop: typeof fetch = (input, init) => fetch(String(input).replace(httpsBase, server.url), init);
    server.behave(behaviours.redirect(307, `${other.url}/api/links/${LINK}/`));
    const result = await client({ baseUrl: httpsBase, fetch: hop }).updateLinkCredentials(LINK, withToken);
    expect(result.response.status).toBe(307);
    expect(server.seen).toHaveLength(1);
    expect(other.connections).toBe(0);
  });
});

describe("the credentials go only under the client's baseUrl", () => {
  const refusedAsRequest = (error: unknown) => {
    expect(error).toMatchObject({ name: "BelvoInputError", field: "request" });
    expect(server.connections + other.connections).toBe(0);
    expectNoSecretShown(error);
  };

  it("a raw call's own baseUrl (another port, the same server by another name): refused, nothing sent", async () => {
    for (const baseUrl of [other.url, server.url.replace("127.0.0.1", "localhost")]) {
      const call = client().api.PUT("/api/links/{id}/", { params: { path: { id: LINK } }, body: withToken, baseUrl });
      refusedAsRequest(await call.catch((e: unknown) => e));
    }
  });

  it("a Request whose url answers each read differently, or is a String that lies: the URL checked is the one sent", async () => {
    const elsewhere = `${other.url}/steal`;
    /** Its url is the checked one for the first `honest` reads, then the other origin's. */
    const shifty = (honest: number) =>
      class extends Request {
        reads = 0;
        override get url() {
          return ++this.reads <= honest ? super.url : elsewhere;
        }
      };
    const liar = new (class extends String {
      override startsWith() {
        return true;
      }
    })(elsewhere);
    server.behave(behaviours.ok({ id: LINK }));
    for (const honest of [1, 2, 3]) {
      const Shifty = shifty(honest);
      const belvo = client();
      belvo.api.use({ onRequest: ({ request }) => new Shifty(request) });
      await belvo.updateLinkCredentials(LINK, withToken).catch((e: unknown) => e);
      // openapi-fetch's own per-call Request option, on a raw call.
      const raw = client().api.PUT("/api/links/{id}/", {
        params: { path: { id: LINK } },
        body: withToken,
        Request: Shifty,
      } as never);
      await raw.catch((e: unknown) => e);
    }
    expect(other.connections).toBe(0);
    server.clear();
    const lying = client();
    lying.api.use({
      onRequest: ({ request }) => new Proxy(request, { get: (r, key) => (key === "url" ? liar : Reflect.get(r, key)) }),
    });
    refusedAsRequest(await lying.updateLinkCredentials(LINK, withToken).catch((e: unknown) => e));
    expect(other.connections).toBe(0);
  });

  it("a Request whose headers name Authorization in capitals: ours replaces it, not joined to it", async () => {
    server.behave(behaviours.ok({ id: LINK }));
    const belvo = client();
    const theirs = { forEach: (each: (value: string, name: string) => void) => each("Basic theirs", "Authorization") };
    belvo.api.use({
      onRequest: ({ request }) => new Proxy(request, { get: (r, k) => (k === "headers" ? theirs : Reflect.get(r, k)) }),
    });
    await belvo.updateLinkCredentials(LINK, { password: BANK_PASSWORD });
    expect(server.seen[0]!.headers.authorization).toBe(`Basic ${btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)}`);
  });

  it("a middleware's Request to another origin, or above a base path: refused, nothing sent", async () => {
    const belvo = client({ baseUrl: `${server.url}/belvo` });
    belvo.api.use({ onRequest: ({ request }) => new Request(request.url.replace(server.url, other.url), request) });
    refusedAsRequest(await belvo.updateLinkCredentials(LINK, withToken).catch((e: unknown) => e));
    const above = client({ baseUrl: `${server.url}/belvo` });
    above.api.use({ onRequest: ({ request }) => new Request(request.url.replace("/belvo/", "/"), request) });
    refusedAsRequest(await above.updateLinkCredentials(LINK, withToken).catch((e: unknown) => e));
  });
});

describe("a token leaves once, judged from what is sent", () => {
  beforeEach(() => server.behave(behaviours.status(503)));

  it("a raw belvo.api call with a form-encoded body counts as carrying one: sent once", async () => {
    const { response } = await client().api.PATCH("/api/owners/", {
      body: { session: "a".repeat(32), link: LINK, token: TOKEN },
      bodySerializer: (body) => new URLSearchParams(body as never).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(503);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.body).toContain(`token=${TOKEN}`);
  });

  it("a raw JSON call with a token nested anywhere: sent once; without one: retried", async () => {
    await client().api.PUT("/api/links/{id}/", {
      params: { path: { id: LINK } },
      body: { password: BANK_PASSWORD, extra: [{ token: TOKEN }] } as never,
    });
    expect(server.seen).toHaveLength(1);
    server.clear();
    await client().api.PUT("/api/links/{id}/", { params: { path: { id: LINK } }, body: { password: BANK_PASSWORD } });
    expect(server.seen).toHaveLength(3);
  });

  it("a middleware that puts a token in the body: sent once", async () => {
    const belvo = client();
    belvo.api.use({
      onRequest: ({ request }) => new Request(request, { body: JSON.stringify(withToken) }),
    });
    const result = await belvo.updateLinkCredentials(LINK, { password: BANK_PASSWORD });
    expect(result.response.status).toBe(503);
    expect(server.seen).toHaveLength(1);
    expectNoSecretShown(result);
  });
});

describe("an odd status is a typed error, not retried", () => {
  for (const status of [600, 999]) {
    it(`${status}`, async () => {
      server.behave(behaviours.status(status));
      const error = await update();
      expect(error).toMatchObject({ name: "BelvoMalformedResponseError", status });
      expect(String(error)).toContain(`the status ${status} is outside 200–599`);
      expect(server.seen).toHaveLength(1);
    });
  }
});

describe("an echo of the request never shows in our formatting", () => {
  it("a 400 quoting the body, the Authorization header and a secret as request id and Location", async () => {
    server.behave(behaviours.echoErrors(400));
    for (const body of [undefined, withToken]) {
      const result = (await update(body)) as Awaited<ReturnType<ReturnType<typeof client>["updateLinkCredentials"]>>;
      expect(result.ok).toBe(false);
      expectNoSecretShown(result);
      const error = (() => {
        try {
          return unwrap(result);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toMatchObject({ name: "BelvoApiError", status: 400 });
      expectNoSecretShown(error);
      // The result's error stays the server's bytes: the README says so.
      expect(JSON.stringify(result.error)).toContain(BANK_PASSWORD);
    }
  });

  it("a 2xx object quoting the request", async () => {
    server.behave(behaviours.echoObject());
    const result = (await update()) as { ok: boolean; data: unknown };
    expect(result.ok).toBe(true);
    expectNoSecretShown(result);
    expect(JSON.stringify(result.data)).toContain(btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)); // data: the server's bytes
  });

  it("a numeric token echoed back as a JSON number", async () => {
    server.behave(behaviours.ok([{ code: "login_error", token: 482913, echoed: "482913" }], 400));
    const result = await client().updateLinkCredentials(LINK, { password: BANK_PASSWORD, token: "482913" });
    for (const shown of [JSON.stringify(result), inspect(result, { depth: Infinity })]) {
      expect(shown).not.toContain("482913");
    }
  });

  it("a numeric token with a leading zero echoed as a JSON number without it", async () => {
    server.behave(behaviours.ok([{ code: "login_error", token: 82913, message: "token 82913 rejected" }], 400));
    const result = await client().updateLinkCredentials(LINK, { password: BANK_PASSWORD, token: "082913" });
    for (const shown of [JSON.stringify(result), inspect(result, { depth: Infinity })]) {
      expect(shown).not.toContain("82913");
    }
  });

  it("a password quoted in JSON escapes of other encoders, and in a Location in lowercase percent-encoding", async () => {
    const password = `contraseña&<"/😀`;
    // Non-ASCII as \u, the emoji as a surrogate pair (Python's json.dumps), `&` and `<` as \u (Go), `/` as \/ (PHP).
    const escaped = (text: string) =>
      JSON.stringify(text)
        .slice(1, -1)
        .replace(/[^\x00-\x7f]|[&<]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        .replace(/\//g, "\\/");
    const lowercase = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    server.behave((seen, response) => {
      const sent = JSON.parse(seen.body).password as string;
      // The request quoted back as text inside the message, so that its escapes survive our parse of the answer.
      response
        .writeHead(400, { "content-type": "application/json", location: `/retry?p=${lowercase(sent)}` })
        .end(JSON.stringify([{ code: "invalid", message: `{"password": "${escaped(sent)}"}` }]));
    });
    const result = await client().updateLinkCredentials(LINK, { password });
    expect(result.error?.[0]?.message).toContain(escaped(password)); // the echoes came back
    expect(result.response.headers.get("location")).toContain(lowercase(password));
    const error = (() => {
      try {
        return unwrap(result);
      } catch (thrown) {
        return thrown;
      }
    })();
    for (const shown of [result, error]) expectNothingShown(shown, [password, escaped(password), lowercase(password)]);
  });

  it("a 2xx text/plain quoting the request: a typed error with no cause that quotes it", async () => {
    server.behave(behaviours.echoText());
    const error = await update(withToken);
    expect(error).toMatchObject({ name: "BelvoMalformedResponseError", status: 200, cause: undefined });
    expectNoSecretShown(error);
  });
});

describe("JSON nested a million deep", () => {
  // 2 MB to send and parse: a timeout of its own, so that a loaded machine does not make it a timeout test.
  const patient = () => client({ timeoutMs: 10_000 });

  it("as an error body: a result that serializes and inspects", async () => {
    server.behave(behaviours.deep(400));
    const result = await patient()
      .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
      .catch((error: unknown) => error);
    expect(isBelvoClientError(result)).toBe(false);
    expect(() => JSON.stringify(result)).not.toThrow();
    expect(() => inspect(result)).not.toThrow();
  });

  it("as an owners list: a result that serializes and inspects", async () => {
    server.behave(behaviours.deep(200));
    const result = await patient().completeOwnersRequest({ session: "a".repeat(32), link: LINK });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).toContain("nested deeper than");
  });
});

describe("a server that stalls, drips or resets: every call settles with one of our errors", () => {
  it.each([
    ["stalls", behaviours.stall(), "BelvoTimeoutError", 1],
    ["drips a byte every 20 ms", behaviours.drip(), "BelvoTimeoutError", 1],
    ["resets the connection", behaviours.reset(), "BelvoNetworkError", 3],
  ] as const)("%s", async (_, behaviour, name, requests) => {
    server.behave(behaviour);
    const error = await update();
    expect(error).toMatchObject({ name });
    expect(server.seen).toHaveLength(requests);
    expectNoSecretShown(error);
  });
});

describe("an answer that is not HTTP", () => {
  /** A TCP server that answers every connection with `text`, counting connections. */
  async function rawServer(text: string) {
    const raw = createNetServer((socket) => socket.once("data", () => socket.end(text)));
    let connections = 0;
    raw.on("connection", () => connections++);
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const { port } = raw.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, connections: () => connections, close: () => raw.close() };
  }

  it.each([
    ["a status line of 1000", "HTTP/1.1 1000 Odd\r\n\r\n"],
    ["a status line of 000", "HTTP/1.1 000 Odd\r\n\r\n"],
    ["a header that echoes the password", `HTTP/1.1 400 Bad\r\nBad\x01: ${BANK_PASSWORD}\r\n\r\n`],
    // undici takes neither (a "bad response"), but the server did answer: the request may have been acted on.
    ["a 100 Continue nobody asked for, then a 201", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\n"],
    ["a 101 nobody asked for", "HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\nconnection: upgrade\r\n\r\n"],
  ])("%s: not retried, and the bytes it sent never shown", async (_, text) => {
    const raw = await rawServer(text);
    try {
      const error = await client({ baseUrl: raw.url })
        .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "response" });
      expect(raw.connections()).toBe(1);
      expectNoSecretShown(error);
    } finally {
      raw.close();
    }
  });
});

describe("what is sent is what was checked", () => {
  it("a Proxy whose reads disagree: the checked copy goes out", async () => {
    server.behave(behaviours.ok({ id: LINK }));
    const target = { password: BANK_PASSWORD };
    const liar = new Proxy(target, {
      get: (object, key) => (key === "password" ? "SWITCHED" : Reflect.get(object, key)),
    });
    await client().updateLinkCredentials(LINK, liar);
    expect(JSON.parse(server.seen[0]!.body)).toEqual({ password: BANK_PASSWORD });
  });

  it("a middleware's replacement body: its token redacted, the request named as sent", async () => {
    server.behave(behaviours.echoErrors(400));
    const belvo = client();
    belvo.api.use({
      async onRequest({ request }) {
        const body = await request.clone().json();
        return new Request(`${server.url}/api/links/${LINK}/`, {
          method: request.method,
          headers: request.headers,
          body: JSON.stringify({ ...body, token: TOKEN }),
        });
      },
    });
    const result = await belvo.updateLinkCredentials(LINK, { password: BANK_PASSWORD });
    expect(server.seen).toHaveLength(1);
    expect(result.request).toBe(`PUT /api/links/${LINK}/`);
    expectNoSecretShown(result);
  });

  it("a raw Blob body goes out byte for byte, and counts as carrying a token", async () => {
    server.behave(behaviours.status(503));
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x41]);
    await rawPut(new Blob([bytes]));
    expect(server.seen).toHaveLength(1);
    expect(new Uint8Array(server.seen[0]!.bytes)).toEqual(bytes);
  });

  it("a raw body that starts with a byte order mark goes out with it", async () => {
    server.behave(behaviours.ok({}));
    await rawPut(`\uFEFF${JSON.stringify({ password: "p" })}`);
    expect([...new Uint8Array(server.seen[0]!.bytes).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("an answer with no body (204, 205, 304) is a result, its status as sent", async () => {
    for (const status of [204, 205, 304]) {
      server.behave((_seen, response) => response.writeHead(status).end());
      const result = await client().updateLinkCredentials(LINK, { password: BANK_PASSWORD });
      expect(result.response.status).toBe(status);
    }
  });

  it("a raw streamed body that never ends: the call settles at its timeout, or at its signal", async () => {
    server.behave(behaviours.ok({}));
    const endless = () => new ReadableStream({ pull: () => new Promise(() => {}) });
    const call = (init: object) => rawPut(endless(), { timeoutMs: 100 }, init);
    expect(await call({})).toMatchObject({ name: "BelvoTimeoutError" });
    const reason = new Error("the caller gave up");
    const controller = new AbortController();
    const aborted = call({ signal: controller.signal });
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    expect(server.seen).toHaveLength(0);
  });

  it("a raw streamed body that makes its chunks at once is refused past 16 MiB, and nothing is sent", async () => {
    server.behave(behaviours.ok({}));
    let made = 0;
    // Each chunk at once: the reading never yields to a timer, so only a limit counted per chunk stops it.
    const eager = new ReadableStream<Uint8Array>({
      pull: (controller) => (++made > 20 ? controller.close() : controller.enqueue(new Uint8Array(1024 * 1024))),
    });
    const error = await rawPut(eager);
    expect(error).toMatchObject({ name: "BelvoInputError", field: "request" });
    expect(String(error)).toContain("over the 16777216-byte limit");
    expect(made).toBeLessThanOrEqual(18);
    expect(server.seen).toHaveLength(0);
  });

  it("a custom fetch's Response look-alike: read through get and forEach, or refused when it has neither", async () => {
    const json = JSON.stringify({ id: LINK, status: "valid" });
    const headers = { get: (name: string) => (name === "content-type" ? "application/json" : null) };
    const lookAlike = (withForEach: boolean) =>
      (async () => ({
        status: 200,
        ok: true,
        headers: withForEach
          ? { ...headers, forEach: (f: (v: string, n: string) => void) => f("application/json", "content-type") }
          : headers,
        body: new Response(json).body,
      })) as unknown as typeof fetch;
    const result = await client({ fetch: lookAlike(true) }).updateLinkCredentials(LINK, { password: BANK_PASSWORD });
    expect(result).toMatchObject({ ok: true, data: { id: LINK } });
    const refused = await client({ fetch: lookAlike(false) })
      .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "BelvoMalformedResponseError", reason: "the fetch resolved no Response" });
  });

  it("a custom fetch's odd failures: getters that throw, a plain-object cause", async () => {
    const hostile = new TypeError("fetch failed");
    for (const key of ["stack", "code", "cause", "message"]) {
      Object.defineProperty(hostile, key, {
        get: () => {
          throw new Error(`${key} getter: ${BANK_PASSWORD}`);
        },
      });
    }
    let calls = 0;
    const failing = (error: unknown) =>
      (async () => {
        calls++;
        throw error;
      }) as unknown as typeof fetch;
    const update = (error: unknown) =>
      client({ fetch: failing(error) })
        .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
        .catch((e: unknown) => e);

    const odd = await update(hostile);
    expect(odd).toMatchObject({ name: "BelvoNetworkError", phase: "request" });
    expectNoSecretShown([odd, inspect(odd)]);

    calls = 0;
    const unknownHost = await update(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }));
    expect(unknownHost).toMatchObject({ name: "BelvoNetworkError", message: expect.stringContaining("ENOTFOUND") });
    expect(calls).toBe(1);
  });

  it("a password echoed percent-encoded in a Location is redacted", async () => {
    const password = `Tr0ub4dor&3 "q"/<x>`;
    server.behave((seen, response) => {
      const echoed = encodeURIComponent(JSON.parse(seen.body).password);
      response.writeHead(302, { location: `/x?p=${echoed}` }).end();
    });
    const result = await client().updateLinkCredentials(LINK, { password });
    expect(result.response.status).toBe(302);
    expectNothingShown(result, [password, encodeURIComponent(password)]);
  });
});

describe("a custom fetch or a body stream at its oddest: one of our errors, in time, nothing shown", () => {
  const call = (fetch: typeof globalThis.fetch, options: Partial<BelvoClientOptions> = {}) =>
    client({ fetch, retry: false, ...options })
      .updateLinkCredentials(LINK, { password: BANK_PASSWORD })
      .catch((e: unknown) => e);
  const fetching = (answer: () => unknown) => (async () => answer()) as unknown as typeof fetch;
  const json = () => new Response("{}").body;
  const ours = (value: unknown) => {
    expect(isBelvoClientError(value)).toBe(true);
    expectNoSecretShown([value, inspect(value), JSON.stringify(value)]);
  };
  /** The caller aborts 10 ms into a call through `fetch`: the call rejects with the caller's reason. */
  const expectCallerAbortWins = async (fetch: typeof globalThis.fetch) => {
    const reason = new Error("the caller gave up");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 10);
    const options = { signal: controller.signal };
    const aborted = client({ fetch, retry: false }).updateLinkCredentials(LINK, { password: BANK_PASSWORD }, options);
    await expect(aborted).rejects.toBe(reason);
  };

  it("a fetch that never heeds its signal: the call settles at its timeout or the caller's abort, never later", async () => {
    const never = (() => new Promise(() => {})) as unknown as typeof fetch;
    expect(await call(never, { timeoutMs: 100 })).toMatchObject({ name: "BelvoTimeoutError" });
    let answered: Promise<unknown> = Promise.resolve();
    const lateBy = (ms: number) =>
      (() =>
        (answered = new Promise((resolve) =>
          setTimeout(() => resolve(new Response(null, { status: 204 })), ms),
        ))) as unknown as typeof fetch;
    expect(await call(lateBy(300), { timeoutMs: 100 })).toMatchObject({ name: "BelvoTimeoutError" });
    await answered;
    await expectCallerAbortWins(lateBy(50));
    await answered;
  });

  it("a fetch that answers as its signal aborts, or later: the abort wins, nothing is re-sent, the body is cancelled", async () => {
    let sent = 0;
    let cancelled = 0;
    const body = () => new ReadableStream({ cancel: () => void cancelled++ });
    const onAbort = (status: number) =>
      ((_url: string, init: RequestInit) => {
        sent++;
        return new Promise((resolve) =>
          init.signal!.addEventListener("abort", () => resolve(new Response(body(), { status }))),
        );
      }) as unknown as typeof fetch;
    expect(await call(onAbort(503), { timeoutMs: 50, retry: { initialDelayMs: 1 } })).toMatchObject({
      name: "BelvoTimeoutError",
    });
    expect(sent).toBe(1);
    await expectCallerAbortWins(onAbort(200));
    let late: Promise<Response> | undefined;
    const ignoring = (() =>
      (late = new Promise((resolve) =>
        setTimeout(() => resolve(new Response(body())), 100),
      ))) as unknown as typeof fetch;
    expect(await call(ignoring, { timeoutMs: 20 })).toMatchObject({ name: "BelvoTimeoutError" });
    await late;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(3);
  });

  it("a look-alike's headers that throw for retry-after on a response that is not a 429: still its result", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    const throwing = {
      get: (name: string) => {
        if (name === "retry-after") throw new Error(BANK_PASSWORD);
        return headers.get(name);
      },
      forEach: headers.forEach.bind(headers),
    };
    for (const status of [200, 503]) {
      const result = await call(fetching(() => ({ status, body: json(), headers: throwing })));
      expect(result).toMatchObject({ ok: status === 200, response: { status } });
    }
  });

  it("an onRetry that throws ends the call with its error, as a middleware's would, and nothing more is sent", async () => {
    let sent = 0;
    const unavailable = fetching(() => (sent++, new Response("{}", { status: 503 })));
    const mistake = new TypeError("onRetry's own mistake");
    const onRetry = () => {
      throw mistake;
    };
    expect(await call(unavailable, { retry: { initialDelayMs: 1, onRetry } })).toBe(mistake);
    expect(sent).toBe(1);
  });

  it("a raw body stream of empty chunks made at once: the timeout still fires, nothing is sent", async () => {
    const empty = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(0)) });
    const error = await rawPut(empty, { timeoutMs: 100 });
    expect(error).toMatchObject({ name: "BelvoTimeoutError" });
    expect(server.seen).toHaveLength(0);
  });

  it("a thrown Proxy whose prototype cannot be asked for, and a revoked Proxy as a cause", async () => {
    const trap = () => {
      throw new Error(BANK_PASSWORD);
    };
    ours(await call(fetching(() => Promise.reject(new Proxy(new Error(BANK_PASSWORD), { getPrototypeOf: trap })))));
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    ours(await call(fetching(() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: proxy })))));
    const named = Object.assign(new TypeError("fetch failed"), { name: `Rejected(${BANK_PASSWORD})` });
    ours(await call(fetching(() => Promise.reject(named))));
  });

  it("a look-alike whose headers throw, or whose request id is an array", async () => {
    const throwing = () => {
      throw new Error(BANK_PASSWORD);
    };
    ours(await call(fetching(() => ({ status: 200, body: json(), headers: { get: throwing, forEach() {} } }))));
    ours(
      await call(
        fetching(() => ({
          status: 200,
          get headers() {
            return throwing();
          },
        })),
      ),
    );
    const arrayId = { get: (name: string) => (name === "x-request-id" ? ["a", "b"] : null), forEach() {} };
    ours(await call(fetching(() => ({ status: 600, body: null, headers: arrayId }))));
  });

  it("a look-alike's body that never ends is cut at the timeout; its chunks from another realm are bytes", async () => {
    const endless = new ReadableStream({ pull: () => new Promise(() => {}) });
    const headers = new Headers({ "content-type": "application/json" });
    expect(
      await call(
        fetching(() => ({ status: 200, body: endless, headers })),
        { timeoutMs: 100 },
      ),
    ).toMatchObject({
      name: "BelvoTimeoutError",
    });
    const foreign = runInNewContext("new Uint8Array([123, 125])") as Uint8Array;
    const body = new ReadableStream({ start: (controller) => (controller.enqueue(foreign), controller.close()) });
    expect(await call(fetching(() => ({ status: 200, body, headers })))).toMatchObject({ ok: true, data: {} });
  });

  it("a look-alike's body that is no stream, whose reads never end: refused, never a hang", async () => {
    const body = { getReader: () => ({ read: () => new Promise(() => {}), cancel() {} }) };
    const headers = new Headers({ "content-type": "application/json" });
    expect(
      await call(
        fetching(() => ({ status: 200, body, headers })),
        { timeoutMs: 100 },
      ),
    ).toMatchObject({
      name: "BelvoMalformedResponseError",
      reason: "body is not a ReadableStream",
    });
  });

  it("chunks that only claim to be bytes, or misreport their size, are refused or read by their real size", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    const claims = { [Symbol.toStringTag]: "Uint8Array", byteLength: -4 * 1024 * 1024, length: 0 };
    class Shrunk extends Uint8Array {
      override get byteLength() {
        return 0;
      }
    }
    const streamOf = (...chunks: unknown[]) =>
      new ReadableStream({ start: (c) => (chunks.forEach((chunk) => c.enqueue(chunk)), c.close()) });
    expect(await call(fetching(() => ({ status: 200, body: streamOf(claims), headers })))).toMatchObject({
      name: "BelvoMalformedResponseError",
      reason: "body stream gave a chunk that is not bytes",
    });
    const big = new Shrunk(10 * 1024 * 1024);
    expect(await call(fetching(() => ({ status: 200, body: streamOf(big, big), headers })))).toMatchObject({
      name: "BelvoMalformedResponseError",
      reason: expect.stringContaining("over the 16777216-byte limit"),
    });
  });

  it("a raw body stream that fails quoting what it held: refused, its error not kept", async () => {
    const quoting = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(new TextEncoder().encode(`{"password":"${BANK_PASSWORD}"`));
        controller.error(new Error(`bad JSON near "${BANK_PASSWORD}"`));
      },
    });
    const error = await rawPut(quoting);
    expect(error).toMatchObject({ name: "BelvoInputError", field: "request" });
    ours(error);
    expect(server.seen).toHaveLength(0);
  });

  it("a look-alike's body whose cancel() returns nothing, or throws, is still refused over the limit, as such", async () => {
    const huge = new Headers({ "content-length": String(64 * 1024 * 1024) });
    const cancels = [
      () => undefined,
      () => {
        throw new Error(BANK_PASSWORD);
      },
    ];
    for (const cancel of cancels) {
      const body = { cancel, getReader: () => new Response("{}").body!.getReader() };
      const error = await call(fetching(() => ({ status: 200, body, headers: huge })));
      expect(error).toMatchObject({ name: "BelvoMalformedResponseError", reason: expect.stringContaining("over the") });
      ours(error);
    }
  });

  it("a look-alike's headers of a class of its own keep every header in the result, its length given or not", async () => {
    class OwnHeaders {
      constructor(private readonly fields: Record<string, string>) {}
      get(name: string) {
        return this.fields[name] ?? null;
      }
      forEach(visit: (value: string, name: string) => void) {
        for (const [name, value] of Object.entries(this.fields)) visit(value, name);
      }
    }
    const text = JSON.stringify({ id: LINK });
    for (const length of [{ "content-length": String(text.length) }, {}] as Record<string, string>[]) {
      const headers = new OwnHeaders({ "content-type": "application/json", "x-request-id": "req-1", ...length });
      const body = new Response(text).body;
      const result = await call(fetching(() => ({ status: 200, body, headers })));
      expect(result).toMatchObject({ ok: true, requestId: "req-1", data: { id: LINK } });
    }
  });
});
