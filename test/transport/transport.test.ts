// Retries, timeouts, aborts, odd bodies and middleware, over real sockets against the fake Belvo's fault injection.
// Each transport fault with its outcome and request count is a row of test/reliability/fault-matrix.test.ts; here,
// what a row does not cover: the backoff's waits, the raw client, retry: false, per-call timeouts, aborts, bodies of
// another JSON type, what middleware sees, and the one shape of every error.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createBelvoClient, unwrap, type RetryEvent } from "../../src/index.js";
import { MAX_TIMER_MS } from "../../src/options.js";
import { clientFor, MFA_LINK, PLAIN_LINK, UNKNOWN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();
beforeEach(() => {
  fake().clearFaults();
  fake().exchanges.length = 0;
});

const put = { match: { method: "PUT" } };
const update = (options = {}, credentials: Record<string, string> = { password: "new-password" }) =>
  clientFor(fake(), options).updateLinkCredentials(PLAIN_LINK, credentials as { password: string });

describe("retries", () => {
  it("retries a 503 and returns the success, reporting each wait to onRetry", async () => {
    fake().injectFault({ ...put, status: 503, times: 2 });
    const events: RetryEvent[] = [];
    const result = await update({ retry: { initialDelayMs: 10, onRetry: (e: RetryEvent) => events.push(e) } });
    expect(result.response.status).toBe(200);
    expect(fake().exchanges.map((e) => e.status)).toEqual([503, 503, 200]);
    expect(events.map(({ attempt, status }) => ({ attempt, status }))).toEqual([
      { attempt: 1, status: 503 },
      { attempt: 2, status: 503 },
    ]);
    expect(events[0]!.delayMs).toBeGreaterThanOrEqual(8);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(12);
    expect(events[1]!.delayMs).toBeGreaterThanOrEqual(16);
    expect(events[1]!.delayMs).toBeLessThanOrEqual(24);
  });

  it("never re-sends a token spelled with a JSON escape through the raw client", async () => {
    fake().injectFault({ ...put, status: 503, times: 5 });
    const { response } = await clientFor(fake()).api.PUT("/api/links/{id}/", {
      params: { path: { id: PLAIN_LINK } },
      body: { password: "p" },
      bodySerializer: () => '{"password":"p","\\u0074oken":"123456"}',
    });
    expect(response.status).toBe(503);
    expect(fake().exchanges.map((e) => [e.status, e.tokenSent])).toEqual([[503, true]]);
  });

  it("does not retry at all with retry: false", async () => {
    fake().injectFault({ ...put, status: 503 });
    expect((await update({ retry: false })).response.status).toBe(503);
    expect(fake().exchanges).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  it("lets one call override the client's timeout", async () => {
    fake().injectFault({ ...put, delayMs: 2_000 });
    const belvo = clientFor(fake(), { timeoutMs: 10_000 });
    await expect(belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" }, { timeoutMs: 30 })).rejects.toMatchObject({
      name: "BelvoTimeoutError",
      timeoutMs: 30,
    });
  });

  it("rejects with the caller's abort reason and does not retry", async () => {
    fake().injectFault({ ...put, delayMs: 2_000 });
    const controller = new AbortController();
    const call = clientFor(fake()).updateLinkCredentials(PLAIN_LINK, { password: "p" }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user navigated away")), 30);
    await expect(call).rejects.toThrow("user navigated away");
    expect(fake().exchanges).toHaveLength(1);
  });

  it("stops waiting between retries when the caller aborts", async () => {
    fake().injectFault({ ...put, status: 503, times: 3 });
    const controller = new AbortController();
    // The abort comes while the client waits the longest a timer holds (24 days) before its next attempt: unless the
    // abort ends that wait, the test times out.
    const abortSoon = () => void setTimeout(() => controller.abort(new Error("stop")), 20);
    const belvo = clientFor(fake(), {
      retry: { initialDelayMs: MAX_TIMER_MS, maxDelayMs: MAX_TIMER_MS, onRetry: abortSoon },
    });
    await expect(
      belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" }, { signal: controller.signal }),
    ).rejects.toThrow("stop");
    expect(fake().exchanges).toHaveLength(1);
  });
});

describe("bodies that are not what the spec says", () => {
  it.each([
    [405, "null", "a JSON null"],
    [418, "42", "a JSON number"],
    [429, "true", "a JSON boolean"],
    [502, '"oops"', "a JSON string"],
    [503, '"[]"', "a JSON string"],
  ])("throws BelvoMalformedResponseError for a %s whose body is %s, naming what came", async (status, body, got) => {
    fake().injectFault({ ...put, status, body, headers: { "content-type": "application/json" } });
    await expect(update({ retry: false })).rejects.toMatchObject({
      name: "BelvoMalformedResponseError",
      status,
      reason: `expected a JSON array of errors, got ${got}`,
    });
  });
});

describe("what the wire and the middleware see", () => {
  it("sends basic auth and the User-Agent on every attempt, while middleware sees one request without the secret", async () => {
    fake().injectFault({ ...put, status: 503 });
    const belvo = clientFor(fake(), { userAgent: "my-app/1.2" });
    const seen: Array<string | null> = [];
    belvo.api.use({ onRequest: ({ request }) => void seen.push(request.headers.get("authorization")) });
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);
    expect(seen).toEqual([null]);
    expect(fake().exchanges.map((e) => e.userAgent)).toEqual([
      expect.stringMatching(/^my-app\/1\.2 belvo-openapi-client\/\d+\.\d+\.\d+$/),
      expect.stringMatching(/^my-app\/1\.2 belvo-openapi-client\//),
    ]);
    expect(fake().exchanges.map((e) => e.status)).toEqual([503, 200]);
  });

  it("hands the middleware and the result a response with the URL the call built and the server's status text", async () => {
    const belvo = clientFor(fake());
    const seen: string[] = [];
    belvo.api.use({ onResponse: ({ response }) => void seen.push(`${response.url} ${response.statusText}`) });
    const result = await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" });
    const built = `${fake().url}/api/links/${PLAIN_LINK}/ OK`;
    expect([...seen, `${result.response.url} ${result.response.statusText}`]).toEqual([built, built]);
  });

  it("sends its own Authorization and User-Agent in place of any a middleware set", async () => {
    const belvo = clientFor(fake(), { userAgent: "my-app/1.2" });
    belvo.api.use({
      onRequest: ({ request }) => {
        request.headers.set("authorization", "Basic bWFsbG9yeTpwYXNz");
        request.headers.set("user-agent", "someone-else/1.0");
      },
    });
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);
    expect(fake().exchanges.map((e) => e.userAgent)).toEqual([
      expect.stringMatching(/^my-app\/1\.2 belvo-openapi-client\//),
    ]);
  });

  it("sends the body and honours the caller's abort when a middleware replaces the request", async () => {
    const belvo = clientFor(fake());
    belvo.api.use({
      onRequest: ({ request }) =>
        new Request(request, { headers: { ...Object.fromEntries(request.headers), "X-Replaced": "yes" } }),
    });
    // The fake answers 400 to a PUT without a password: a 200 means the replacement's body reached it.
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);

    fake().injectFault({ ...put, delayMs: 2_000 });
    const controller = new AbortController();
    const call = belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user navigated away")), 30);
    await expect(call).rejects.toThrow("user navigated away");
  });

  it("sends the body a middleware wrote in place of the method's, and reads it for a token before any retry", async () => {
    const belvo = clientFor(fake(), { retry: { initialDelayMs: 1 } });
    const withToken = JSON.stringify({ password: "p", token: "123456" });
    belvo.api.use({ onRequest: ({ request }) => new Request(request, { body: withToken }) });
    fake().injectFault({ ...put, status: 503, times: 3 });
    const result = await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(result.response.status).toBe(503);
    expect(fake().exchanges.map((e) => [e.status, e.bodyFields, e.tokenSent])).toEqual([
      [503, ["password", "token"], true],
    ]);
  });
});

describe("one shape for every error and retry event", () => {
  const label = `PUT /api/links/${PLAIN_LINK}/`;

  it("names the request the same way in results, retry events, and each typed error, with requestId and cause", async () => {
    const events: RetryEvent[] = [];
    fake().injectFault({ ...put, status: 503 });
    const result = await update({ retry: { initialDelayMs: 1, onRetry: (e: RetryEvent) => events.push(e) } });
    expect(result.request).toBe(label);
    expect(events.map((e) => e.request)).toEqual([label]);

    // The timed-out request goes to a path of its own: aborted after 20 ms, it may reach the fake after the next
    // fault is set, and must not take it.
    const slowPath = `/api/links/${UNKNOWN_LINK}/`;
    fake().injectFault({ match: { method: "PUT", path: slowPath }, delayMs: 2_000 });
    const timeout = await clientFor(fake(), { timeoutMs: 20 })
      .updateLinkCredentials(UNKNOWN_LINK, { password: "p" })
      .catch((e: unknown) => e);
    const plain = { match: { method: "PUT", path: `/api/links/${PLAIN_LINK}/` } };
    fake().injectFault({ ...plain, status: 200, body: "<html></html>" });
    const malformed = await update().catch((e: unknown) => e);
    fake().injectFault({ ...plain, status: 200, body: { id: PLAIN_LINK, x: "x".repeat(5000) }, drop: "mid-body" });
    const network = await update().catch((e: unknown) => e);
    fake().injectFault({ ...plain, status: 404 });
    const api = await update()
      .then(unwrap)
      .catch((e: unknown) => e);

    expect(timeout).toMatchObject({ name: "BelvoTimeoutError", request: `PUT ${slowPath}` });
    for (const error of [timeout, malformed, network, api]) {
      expect(error).toBeInstanceOf(Error);
      if (error !== timeout) expect(error).toMatchObject({ request: label });
      expect(error).toHaveProperty("requestId");
      expect(error).toHaveProperty("cause");
    }
    // No SyntaxError underneath a body that is not JSON: its message quotes the body, which may echo a secret.
    expect((malformed as Error).cause).toBeUndefined();
  });
});

describe("each body handled once (a stubbed fetch: no server parsing in this process)", () => {
  const LINK_BODY = JSON.stringify({ id: PLAIN_LINK, status: "valid" });
  const TOKEN_REQUIRED = JSON.stringify([{ code: "token_required", session: "a".repeat(32), link: MFA_LINK }]);
  const stubbed = (status: number, body: string, sent: string[] = []) =>
    createBelvoClient({
      secretId: "id",
      secretPassword: "pw",
      baseUrl: "http://127.0.0.1:9",
      retry: { initialDelayMs: 1 },
      fetch: async (_url, init) => {
        sent.push(String(init?.body));
        return new Response(body, { status, headers: { "content-type": "application/json" } });
      },
    });

  async function parsesDuring(call: () => Promise<unknown>): Promise<unknown[]> {
    const parse = vi.spyOn(JSON, "parse");
    try {
      await call();
      return parse.mock.calls.map(([text]) => text);
    } finally {
      parse.mockRestore();
    }
  }

  it("never re-sends a token the client put in the body, read once from the bytes sent", async () => {
    const sent: string[] = [];
    const belvo = stubbed(503, "[]", sent);
    const body = { password: "p", token: "123456" };
    const parsed = await parsesDuring(() => belvo.updateLinkCredentials(PLAIN_LINK, body));
    expect(sent).toEqual([JSON.stringify(body)]);
    expect(parsed).toEqual([JSON.stringify(body), "[]"]); // what is sent, once; the 503's error body, once
  });

  it("parses a 200 Link once and a 428 challenge once", async () => {
    const request = JSON.stringify({ password: "p" });
    expect(
      await parsesDuring(() => stubbed(200, LINK_BODY).updateLinkCredentials(PLAIN_LINK, { password: "p" })),
    ).toEqual([request, LINK_BODY]);
    expect(
      await parsesDuring(() => stubbed(428, TOKEN_REQUIRED).updateLinkCredentials(MFA_LINK, { password: "p" })),
    ).toEqual([request, TOKEN_REQUIRED]);
  });
});
