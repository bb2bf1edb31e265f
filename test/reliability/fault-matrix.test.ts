// The fault matrix: each row a real-socket fault from the fake Belvo, with the exact outcome, the server-side
// request count (what was and was not retried), and the same fault again with an MFA token: never re-sent, the
// first answer given back as it came.
import dns from "node:dns";
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BelvoMalformedResponseError,
  BelvoNetworkError,
  BelvoTimeoutError,
  hasErrorCode,
  isUnexpectedError,
  type BelvoResult,
  type RetryEvent,
} from "../../src/index.js";
import type { FakeFault } from "../../src/testing/index.js";
import { clientFor, PLAIN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();
const HEX32 = /^[a-f0-9]{32}$/;
const MAX_BODY = 16 * 1024 * 1024;

interface Outcome {
  result?: BelvoResult<"updateLinkCredentials">;
  error?: any;
  attempts: number; // as the server counted them (or, with no server, as the client tried)
  retries: RetryEvent[];
}

interface Row {
  name: string;
  fault?: FakeFault;
  refused?: true;
  /** What the resolver answers for the host instead: the call goes to a name no lookup finds. */
  resolver?: "ENOTFOUND" | "EAI_NONAME" | "EAI_AGAIN";
  timeoutMs?: number;
  maxRetryAfterMs?: number;
  attemptsWithoutToken: number;
  expectOutcome: (outcome: Outcome) => void;
}

// A whole second 0.5 to 1.5 s ahead: an HTTP date drops the milliseconds, so now + 1 s, made in a second's last
// milliseconds, could be a date already past when the client reads it (a wait of 0, which the row refuses).
const retryAfterDate = () => new Date(Math.ceil((Date.now() + 500) / 1000) * 1000).toUTCString();

const rows: Row[] = [
  {
    name: "connection refused",
    refused: true,
    attemptsWithoutToken: 3,
    expectOutcome: ({ error }) => {
      expect(error).toBeInstanceOf(BelvoNetworkError);
      expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "request" });
      expect(error.message).toMatch(
        /^PUT \/api\/links\/[\w-]+\/ failed: no response \(the connection could not be made, or was lost\): .*ECONNREFUSED/,
      );
    },
  },
  // Node's own fetch and sockets, with dns.lookup answering as the resolver would: nothing leaves the machine.
  ...(["ENOTFOUND", "EAI_NONAME"] as const).map((code): Row => ({
    name: `a host name that does not exist (${code}): not retried, it cannot heal`,
    resolver: code,
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) => {
      expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "request" });
      expect(error.message).toMatch(
        new RegExp(`^PUT /api/links/[\\w-]+/ failed: the host name does not resolve \\(${code}; not retried`),
      );
    },
  })),
  {
    name: "a resolver that did not answer in time (EAI_AGAIN): retried, it may heal",
    resolver: "EAI_AGAIN",
    attemptsWithoutToken: 3,
    expectOutcome: ({ error }) => {
      expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "request" });
      expect(error.message).toContain("no response (the connection could not be made, or was lost)");
    },
  },
  {
    name: "connection reset before the response",
    fault: { drop: "before-response", times: 3 },
    attemptsWithoutToken: 3,
    expectOutcome: ({ error }) => expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "request" }),
  },
  {
    name: "connection reset before the response, then success",
    fault: { drop: "before-response" },
    attemptsWithoutToken: 2,
    expectOutcome: ({ result }) => {
      expect(result!.response.status).toBe(200);
      expect(fake().exchanges.map((e) => e.status)).toEqual(["dropped", 200]);
    },
  },
  {
    name: "connection reset mid-body",
    fault: { status: 200, body: { id: PLAIN_LINK, external_id: "x".repeat(10_000) }, drop: "mid-body", times: 3 },
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) => expect(error).toMatchObject({ name: "BelvoNetworkError", phase: "response" }),
  },
  {
    name: "response slower than the timeout",
    fault: { delayMs: 2_000, times: 3 },
    timeoutMs: 50,
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) => {
      expect(error).toBeInstanceOf(BelvoTimeoutError);
      expect(error).toMatchObject({ name: "BelvoTimeoutError", timeoutMs: 50 });
    },
  },
  {
    name: "HTML 502 page",
    fault: { status: 502, body: "<html><h1>502 Bad Gateway</h1></html>", times: 3 },
    attemptsWithoutToken: 3,
    expectOutcome: ({ error }) => {
      expect(error).toBeInstanceOf(BelvoMalformedResponseError);
      expect(error).toMatchObject({
        name: "BelvoMalformedResponseError",
        status: 502,
        requestId: expect.stringMatching(HEX32),
      });
    },
  },
  {
    name: "truncated JSON",
    fault: { status: 200, body: '{"id": "9b1deb4d-3b7d', times: 3 },
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) =>
      expect(error).toMatchObject({
        name: "BelvoMalformedResponseError",
        status: 200,
        requestId: expect.stringMatching(HEX32),
      }),
  },
  {
    name: "empty 500 body",
    fault: { status: 500, body: "", times: 3 },
    attemptsWithoutToken: 3,
    expectOutcome: ({ result }) => {
      expect(result).toMatchObject({ ok: false, error: [], requestId: expect.stringMatching(HEX32) });
      expect(result!.response.status).toBe(500);
    },
  },
  {
    name: "500 with Belvo's error body, past the retry count",
    fault: { status: 500, times: 5 },
    attemptsWithoutToken: 3,
    expectOutcome: ({ result }) => {
      expect(result!.response.status).toBe(500);
      expect(isUnexpectedError(result!.error)).toBe(true);
    },
  },
  {
    name: "503 then success",
    fault: { status: 503 },
    attemptsWithoutToken: 2,
    expectOutcome: ({ result }) => expect(result!.response.status).toBe(200),
  },
  {
    name: "429 with Retry-After in seconds (honoured)",
    fault: { status: 429, headers: { "Retry-After": "1" } },
    attemptsWithoutToken: 2,
    expectOutcome: ({ result, retries }) => {
      expect(result!.response.status).toBe(200);
      expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    },
  },
  {
    name: "429 with Retry-After 0 (retried at once)",
    fault: { status: 429, headers: { "Retry-After": "0" } },
    attemptsWithoutToken: 2,
    expectOutcome: ({ result, retries }) => {
      expect(result!.response.status).toBe(200);
      expect(retries.map((r) => r.delayMs)).toEqual([0]);
    },
  },
  {
    name: "429 with Retry-After as an HTTP date (honoured)",
    fault: {
      status: 429,
      get headers() {
        return { "Retry-After": retryAfterDate() };
      },
    },
    attemptsWithoutToken: 2,
    expectOutcome: ({ result, retries }) => {
      expect(result!.response.status).toBe(200);
      expect(retries[0]!.delayMs).toBeGreaterThan(0);
      expect(retries[0]!.delayMs).toBeLessThanOrEqual(2000);
    },
  },
  {
    name: "429 with Retry-After past the cap (not retried)",
    fault: { status: 429, headers: { "Retry-After": "120" } },
    maxRetryAfterMs: 60_000,
    attemptsWithoutToken: 1,
    expectOutcome: ({ result }) => expect(result!.response.status).toBe(429),
  },
  {
    name: "a single error object instead of an array",
    fault: { status: 404, body: { code: "not_found", message: "Not found", request_id: "d".repeat(32) } },
    attemptsWithoutToken: 1,
    expectOutcome: ({ result }) => {
      expect(result).toMatchObject({ ok: false, requestId: "d".repeat(32) });
      expect(result!.error).toEqual([{ code: "not_found", message: "Not found", request_id: "d".repeat(32) }]);
    },
  },
  {
    name: "an unknown error code",
    fault: { status: 400, body: [{ code: "blank", field: "password", request_id: "e".repeat(32) }] },
    attemptsWithoutToken: 1,
    expectOutcome: ({ result }) => {
      expect(hasErrorCode(result!.error, "blank")).toBe(true);
      expect(isUnexpectedError(result!.error)).toBe(false);
      expect(result!.requestId).toBe("e".repeat(32));
    },
  },
  {
    name: "a 428 asking for a token (a 4xx: not retried)",
    fault: {
      status: 428,
      body: [{ code: "token_required", session: "a".repeat(32), link: PLAIN_LINK, request_id: "f".repeat(32) }],
    },
    attemptsWithoutToken: 1,
    expectOutcome: ({ result }) => {
      expect(result!.response.status).toBe(428);
      expect(hasErrorCode(result!.error, "token_required")).toBe(true);
    },
  },
  {
    name: "a 200 whose body is not the documented shape",
    fault: { status: 200, body: [{ id: PLAIN_LINK }] },
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) =>
      expect(error).toMatchObject({
        name: "BelvoMalformedResponseError",
        reason: "expected a JSON object, got a JSON array",
      }),
  },
  {
    name: "a huge body",
    fault: { status: 200, body: `{"id":"${"x".repeat(MAX_BODY)}"}` },
    attemptsWithoutToken: 1,
    expectOutcome: ({ error }) =>
      expect(error).toMatchObject({
        name: "BelvoMalformedResponseError",
        reason: expect.stringContaining("over the 16777216-byte limit"),
      }),
  },
];

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let refusedUrl: string;
beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  refusedUrl = await closedPortUrl();
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
beforeEach(() => {
  fake().clearFaults();
  fake().exchanges.length = 0;
  unhandled = [];
});

async function run(row: Row, withToken: boolean): Promise<Outcome> {
  const retries: RetryEvent[] = [];
  const belvo = clientFor(fake(), {
    ...(row.refused ? { baseUrl: refusedUrl } : {}),
    ...(row.resolver ? { baseUrl: "https://belvo.invalid" } : {}),
    ...(row.timeoutMs ? { timeoutMs: row.timeoutMs } : {}),
    retry: {
      initialDelayMs: 1,
      maxDelayMs: 5,
      maxRetryAfterMs: row.maxRetryAfterMs ?? 2_000,
      onRetry: (e) => retries.push(e),
    },
  });
  if (row.fault) fake().injectFault({ ...row.fault, times: Math.max(row.fault.times ?? 1, 1) });
  const credentials = withToken ? { password: "new-password", token: "482913" } : { password: "new-password" };
  const outcome: Outcome = { attempts: 0, retries };
  const lookups = row.resolver ? failLookups(row.resolver) : undefined;
  try {
    outcome.result = await belvo.updateLinkCredentials(PLAIN_LINK, credentials);
  } catch (error) {
    outcome.error = error;
  } finally {
    lookups?.restore();
  }
  await new Promise((resolve) => setImmediate(resolve)); // let any stray rejection surface
  outcome.attempts = row.refused ? retries.length + 1 : (lookups?.count ?? fake().exchanges.length);
  return outcome;
}

describe("fault matrix", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const outcome = await run(row, false);
    row.expectOutcome(outcome);
    expect(outcome.attempts).toBe(row.attemptsWithoutToken);
    expect(unhandled).toEqual([]);
  });

  it.each(rows.map((row) => [row.name, row] as const))("%s, with an MFA token: never re-sent", async (_name, row) => {
    fake().exchanges.length = 0;
    const outcome = await run(row, true);
    expect(outcome.retries).toEqual([]);
    expect(outcome.attempts).toBe(1);
    if (!row.refused && !row.resolver) expect(fake().exchanges.map((e) => e.tokenSent)).toEqual([true]);
    // The first answer is what the caller gets, a retryable status included.
    if (row.fault?.status !== undefined && !row.fault.drop) {
      expect(outcome.result?.response.status ?? outcome.error?.status).toBe(row.fault.status);
    }
    expect(unhandled).toEqual([]);
  });
});

/** Makes every dns.lookup fail with `code`, as getaddrinfo reports it, counting the lookups until restored. */
function failLookups(code: string) {
  const real = dns.lookup;
  const lookups = {
    count: 0,
    restore: () => void (dns.lookup = real),
  };
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    lookups.count++;
    const callback = rest.at(-1) as (error: Error) => void;
    const error = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
      code,
      syscall: "getaddrinfo",
      hostname,
    });
    process.nextTick(callback, error);
  }) as typeof dns.lookup;
  return lookups;
}

function closedPortUrl(): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
