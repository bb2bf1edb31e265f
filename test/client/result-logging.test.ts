// A result as a log line shows it: JSON.stringify and util.inspect (console.log) give its status and body, not a
// Response object, while `result.response` stays the Response it was.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { PLAIN_LINK, UNKNOWN_LINK, clientFor, useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo();

describe("a result in a log", () => {
  it("serializes to ok, status, operation, request, requestId, receivedAt and the body", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(PLAIN_LINK, { password: "new-password" });
    expect(result.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      ok: true,
      status: 200,
      operation: "updateLinkCredentials",
      request: `PUT /api/links/${PLAIN_LINK}/`,
      requestId: result.requestId,
      receivedAt: result.receivedAt,
      data: JSON.parse(JSON.stringify(result.data)),
    });
    expect(result.response).toBeInstanceOf(Response);
    expect(result.response.headers.get("content-type")).toContain("application/json");
  });

  it("keeps the error list and its request id for an error status", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(UNKNOWN_LINK, { password: "new-password" });
    const logged = JSON.parse(JSON.stringify({ result }));
    expect(logged.result).toMatchObject({ ok: false, status: 404, operation: "updateLinkCredentials" });
    expect(logged.result.error).toEqual(result.error);
    expect(logged.result.requestId).toBe(result.requestId);
    expect(Object.keys(logged.result)).not.toContain("data");
    expect(result.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("inspects as the same fields under its name, never as a Response with bodyUsed", async () => {
    const result = await clientFor(fake()).updateLinkCredentials(UNKNOWN_LINK, { password: "new-password" });
    const shown = inspect(result, { depth: 4 });
    expect(shown).toMatch(/^BelvoResult \{/);
    expect(shown).toContain("status: 404");
    expect(shown).toContain(`request: 'PUT /api/links/${UNKNOWN_LINK}/'`);
    expect(shown).toContain("not_found");
    expect(shown).not.toContain("bodyUsed");
    expect(shown).not.toMatch(/authorization/i);
    expect(inspect({ nested: result })).toContain("BelvoResult");
  });
});
