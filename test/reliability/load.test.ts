// Load: 2,000 link updates, 100 in flight (20 times over), against the fake Belvo over loopback. A correctness test
// with bounded counts: one client reaches 100 calls in flight and every call is answered 200; every request reached
// the server exactly once, none lost or duplicated (the server's own records, kept past its default 1,000). No time
// is asserted.
import { describe, expect, it } from "vitest";
import { clientFor, PLAIN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";

const TOTAL = 2_000;
const fake = useFakeBelvo({ maxExchanges: TOTAL }); // every exchange: the test counts them
const IN_FLIGHT = 100;

describe("load", () => {
  it(`answers ${TOTAL} link updates with ${IN_FLIGHT} in flight, each exactly once`, { timeout: 120_000 }, async () => {
    const belvo = clientFor(fake(), { retry: false });
    let next = 0;
    belvo.api.use({ onRequest: ({ request }) => void request.headers.set("X-Correlation-Id", String(next++)) });

    const statuses = new Map<number, number>();
    let started = 0;
    let maxInFlight = 0;
    let inFlight = 0;
    async function worker(): Promise<void> {
      while (started < TOTAL) {
        started++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const result = await belvo.updateLinkCredentials(PLAIN_LINK, { password: "new-password" });
        inFlight--;
        statuses.set(result.response.status, (statuses.get(result.response.status) ?? 0) + 1);
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });
    expect(maxInFlight).toBe(IN_FLIGHT);
    const seen = fake().exchanges.map((e) => Number(e.correlationId));
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(TOTAL - 1);
    expect(fake().exchanges.every((e) => e.status === 200)).toBe(true);
    fake().exchanges.length = 0; // 2,000 identical answers: the per-test spec check needs only a sample
  });
});
