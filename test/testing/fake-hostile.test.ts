// The fake Belvo against a hostile caller: a body too large to buffer, a web page driving its control API (a foreign
// Host or Origin, a form's content type), a fault delay no timer holds, and memory that must stay flat however long
// it runs. Over real sockets on 127.0.0.1: Node's fetch cannot send a foreign Host, so these use node:http and net.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { MAX_TIMER_MS as MAX_DELAY_MS } from "../../src/options.js";
import { FlagError, parseFakeServerFlags } from "../../src/testing/fake-server.js";
import { createFakeBelvo, startFakeBelvo } from "../../src/testing/index.js";
import { MAX_SESSIONS } from "../../src/testing/fake-state.js";
import { MFA_LINK, PLAIN_LINK, clientFor, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();
const port = () => Number(new URL(fake().url).port);
const basic = () => `Basic ${btoa(`${fake().secretId}:${fake().secretPassword}`)}`;
const json = { "content-type": "application/json" };

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request on a connection of its own, with exactly the headers given (Host included, when given). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port: port(), method, path, headers, agent: false });
    outgoing.on("error", reject).on("response", (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text }));
    });
    outgoing.end(body);
  });
}

/**
 * Writes `head` and then `body` on a raw socket, and resolves with every byte the server sent once it closed the
 * connection (it never resolves if the server leaves it open). Writing into a connection the server has closed
 * fails (EPIPE, ECONNRESET): that is expected here.
 */
/** What the server sends back for `head` and `body`, read as it comes or, with `readAfterMs`, only that much later. */
function sendRaw(head: string, body: Buffer[] = [], readAfterMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port(), "127.0.0.1");
    let received = "";
    if (readAfterMs) {
      socket.pause();
      setTimeout(() => socket.resume(), readAfterMs);
    }
    socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
    socket.on("error", () => {}).on("close", () => resolve(received));
    socket.write(head);
    for (const chunk of body) socket.write(chunk);
  });
}

const MB5 = 5 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "x");

/** The status line, the headers (names lower-cased) and the body of the one response in `raw`. */
function parseRaw(raw: string) {
  const [head, text] = [raw.slice(0, raw.indexOf("\r\n\r\n")), raw.slice(raw.indexOf("\r\n\r\n") + 4)];
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(lines.map((line) => [line.split(":")[0]!.toLowerCase(), line.split(": ")[1]]));
  return { statusLine, headers, text };
}

function expectTooLarge(raw: string) {
  const { statusLine, headers, text } = parseRaw(raw);
  expect(statusLine).toBe("HTTP/1.1 413 Payload Too Large");
  expect(headers).toMatchObject({ connection: "close", "content-type": "application/json" });
  expect(JSON.parse(text)).toEqual([
    { code: "request_too_large", message: expect.stringContaining("1048576 bytes"), request_id: expect.any(String) },
  ]);
}

/** The fake answers a plain request after a refused one: the refusal cost it nothing. */
async function expectStillAnswering() {
  expect((await fetch(`${fake().url}/api/`, { headers: { authorization: basic() } })).status).toBe(200);
}

describe("a request body over maxBodyBytes (default 1 MiB)", () => {
  const put = `PUT /api/links/${PLAIN_LINK}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`;

  it("streamed with no Content-Length: a Belvo-shaped 413 once it passes the limit, then the connection closed", async () => {
    fake().exchanges.length = 0;
    const chunked = CHUNK.byteLength.toString(16);
    const body = Array.from({ length: MB5 / CHUNK.byteLength }, () =>
      Buffer.concat([Buffer.from(`${chunked}\r\n`), CHUNK, Buffer.from("\r\n")]),
    );
    expectTooLarge(await sendRaw(`${put}Transfer-Encoding: chunked\r\n\r\n`, body));
    expect(fake().exchanges).toEqual([]); // it never reached the fake's core
    await expectStillAnswering();
    // A client still sending, that reads only later (as one under load does), still gets the 413: the connection is
    // closed without a reset, which would discard what the client had not read yet.
    expectTooLarge(await sendRaw(`${put}Transfer-Encoding: chunked\r\n\r\n`, body, 300));
  });

  it("declared by Content-Length: the 413 comes before the body is sent, then the connection closed", async () => {
    // Only the first 64 KiB of the 5 MB declared: a server that waited for the body would never answer.
    expectTooLarge(await sendRaw(`${put}Content-Length: ${MB5}\r\n\r\n`, [CHUNK]));
    await expectStillAnswering();
    const whole = Array.from({ length: MB5 / CHUNK.byteLength }, () => CHUNK);
    expectTooLarge(await sendRaw(`${put}Content-Length: ${MB5}\r\n\r\n`, whole));
    await expectStillAnswering();
  });

  it("declared with Expect: 100-continue (as curl sends a large body): refused without asking for the body", async () => {
    const raw = await sendRaw(`${put}Content-Length: ${MB5}\r\nExpect: 100-continue\r\n\r\n`);
    expect(raw).not.toContain("100 Continue");
    expectTooLarge(raw);
    await expectStillAnswering();
  });

  it("a body at the limit is read as usual; maxBodyBytes outside 1 byte to 256 MiB is refused", async () => {
    const padded = JSON.stringify({ password: "p".repeat(1024 * 1024 - 15) });
    expect(Buffer.byteLength(padded)).toBe(1024 * 1024);
    const answer = await send("PUT", `/api/links/${PLAIN_LINK}/`, { ...json, authorization: basic() }, padded);
    expect(answer.status).not.toBe(413);
    for (const maxBodyBytes of [0, 1.5, Number.NaN, 256 * 1024 * 1024 + 1]) {
      await expect(startFakeBelvo({ maxBodyBytes })).rejects.toThrow(/maxBodyBytes/);
    }
  });
});

describe("the control API refuses what a web page could send", () => {
  it("a Host that is not this server by a loopback name: 403 saying why, and no credentials", async () => {
    for (const host of ["evil.example", `evil.example:${port()}`, `127.0.0.1:${port() + 1}`, "127.0.0.1"]) {
      const answer = await send("GET", "/__fake/", { host });
      expect(answer.status, host).toBe(403);
      expect(JSON.parse(answer.text).error).toMatch(/Host/);
      expect(answer.text).not.toContain(fake().secretPassword);
      expect(answer.text).not.toContain(fake().secretId);
    }
    const noHost = await sendRaw("GET /__fake/ HTTP/1.0\r\n\r\n"); // HTTP/1.0 may leave it out
    expect(parseRaw(noHost).statusLine).toBe("HTTP/1.1 403 Forbidden");
    expect(noHost).not.toContain(fake().secretPassword);
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`]) {
      expect((await send("GET", "/__fake/", { host })).status, host).toBe(200);
    }
  });

  it("an Origin other than this server: 403, and no fault queued", async () => {
    const fault = JSON.stringify({ status: 503 });
    const answer = await send("POST", "/__fake/faults", { ...json, origin: "http://evil.example" }, fault);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error).toMatch(/Origin/);
    const result = await clientFor(fake(), { retry: false }).updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(result.response.status).toBe(200);
    expect(fake().exchanges.at(-1)!.faulted).toBe(false);
    // The server's own origin, as a page it served would send, is let through.
    const own = await send("POST", "/__fake/faults", { ...json, origin: `http://localhost:${port()}` }, fault);
    expect(own.status).toBe(201);
    fake().clearFaults();
  });

  it("a change without Content-Type: application/json: 415, and nothing done", async () => {
    const fault = JSON.stringify({ status: 503 });
    const plain = await send("POST", "/__fake/faults", { "content-type": "text/plain" }, fault);
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.text).error).toMatch(/application\/json/);
    const result = await clientFor(fake(), { retry: false }).updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(result.response.status).toBe(200);

    expect((await send("POST", "/__fake/reset", {})).status).toBe(415); // body-less, still refused
    expect(fake().exchanges).not.toEqual([]); // not reset
    expect((await send("DELETE", "/__fake/exchanges", { "content-type": "text/plain" })).status).toBe(415);
    expect((await send("POST", "/__fake/reset", { "content-type": "application/json; charset=utf-8" })).status).toBe(
      204,
    );
    expect(fake().exchanges).toEqual([]);
  });

  it("leaves the Belvo API alone: a foreign Host and Origin reach /api/ as before", async () => {
    const answer = await send("GET", "/api/", {
      host: "evil.example",
      origin: "http://evil.example",
      authorization: basic(),
    });
    expect(answer.status).toBe(200);
  });
});

describe("a fault's delayMs", () => {
  it("is at most what a timer holds, over HTTP (400) and from JavaScript (TypeError)", async () => {
    const tooLong = JSON.stringify({ delayMs: MAX_DELAY_MS + 1 });
    const answer = await send("POST", "/__fake/faults", json, tooLong);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatch(/"delayMs".*2147483647/);
    const socketless = createFakeBelvo();
    expect(() => socketless.injectFault({ delayMs: MAX_DELAY_MS + 1 })).toThrow(/"delayMs"/);
    expect(() => socketless.injectFault({ delayMs: MAX_DELAY_MS })).not.toThrow();
  });
});

describe("memory stays flat", () => {
  it("keeps the newest maxExchanges exchanges", async () => {
    const small = await startFakeBelvo({ maxExchanges: 5 });
    try {
      for (let i = 0; i < 20; i++) {
        await fetch(`${small.url}/api/`, { headers: { "x-correlation-id": String(i) } });
      }
      expect(small.exchanges.map((exchange) => exchange.correlationId)).toEqual(["15", "16", "17", "18", "19"]);
    } finally {
      await small.close();
    }
    expect(() => createFakeBelvo({ maxExchanges: -1 })).toThrow(/maxExchanges/);
  });

  it("keeps 1000 exchanges by default", async () => {
    const socketless = createFakeBelvo();
    for (let i = 0; i < 1005; i++)
      await socketless.fetch(`http://fake/api/`, { headers: { "x-correlation-id": `${i}` } });
    expect(socketless.exchanges).toHaveLength(1000);
    expect(socketless.exchanges[0]!.correlationId).toBe("5");
  });

  it(`remembers the ${MAX_SESSIONS} most recently used MFA sessions: an older one answers as an expired one`, async () => {
    const socketless = createFakeBelvo({ record: false, singleUseSessions: false });
    const headers = { authorization: `Basic ${btoa(`${socketless.secretId}:${socketless.secretPassword}`)}`, ...json };
    const openSession = async () => {
      const body = JSON.stringify({ link: MFA_LINK });
      const answer = await socketless.fetch("http://fake/api/owners/", { method: "POST", headers, body });
      return ((await answer.json()) as Array<{ session: string }>)[0]!.session;
    };
    const resume = async (session: string) => {
      const body = JSON.stringify({ session, link: MFA_LINK, token: socketless.mfaTokenFor(MFA_LINK) });
      return socketless.fetch("http://fake/api/owners/", { method: "PATCH", headers, body });
    };
    const first = await openSession();
    const second = await openSession();
    for (let i = 2; i < MAX_SESSIONS; i++) await openSession();
    expect((await resume(first)).status).toBe(201); // resumed: now the most recently used
    await openSession(); // one past the bound: the least recently used, the second, goes
    const refused = await resume(second);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Array<{ code: string }>)[0]!.code).toBe("session_expired");
    expect((await resume(first)).status).toBe(201);
  });
});

describe("belvo-fake's flags", () => {
  it("--max-body-bytes and --max-exchanges reach the server's options, and bad values are refused", () => {
    const { options } = parseFakeServerFlags(["--max-body-bytes", "64", "--max-exchanges", "0"]);
    expect(options).toMatchObject({ maxBodyBytes: 64, maxExchanges: 0 });
    expect(parseFakeServerFlags([]).options).toMatchObject({ maxBodyBytes: undefined, maxExchanges: undefined });
    const refusals: Array<[string[], RegExp]> = [
      [["--max-body-bytes", "0"], /--max-body-bytes must be a whole number from 1 to 268435456/],
      [["--max-body-bytes", "1e6"], /--max-body-bytes/],
      [["--max-body-bytes", String(256 * 1024 * 1024 + 1)], /--max-body-bytes/],
      [["--max-exchanges=-1"], /--max-exchanges must be a whole number from 0 to 10000000/],
      [["--max-exchanges", "many"], /--max-exchanges/],
      [["--max-exchanges"], /--max-exchanges/],
    ];
    for (const [args, message] of refusals) {
      expect(() => parseFakeServerFlags(args), args.join(" ")).toThrow(FlagError);
      expect(() => parseFakeServerFlags(args), args.join(" ")).toThrow(message);
    }
  });
});
