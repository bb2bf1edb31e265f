// Contract: the client against Prism, a spec-driven mock server we did not write (test/helpers/prism.ts).
// Prism validates each request against generated/openapi.json: a violation comes back as the spec's own 400 with an
// `sl-violations` header naming the broken rule (Prism answers 422 only for operations that document no 400).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBelvoClient } from "../../src/index.js";
import { documentedExamples, expectDocumentedOutcome } from "../helpers/documented-outcomes.js";
import { callWithExamples, operationIds, requestExamples } from "../helpers/operation-examples.js";
import { startPrism, type Prism } from "../helpers/prism.js";

let prism: Prism;
beforeAll(async () => void (prism = await startPrism()));
afterAll(() => prism.stop());

const LINK = "30cb4806-6e00-48a4-91c9-ca55968576c8";
const SESSION = "2675b703b9d4451f8d4861a3eee54449";

/** A client for Prism; `prefer` picks the status and example Prism answers with; every violation is collected. */
function prismClient(prefer?: string) {
  const violations: string[] = [];
  const belvo = createBelvoClient({
    secretId: "contract-id",
    secretPassword: "contract-pw",
    baseUrl: prism.url,
    retry: false,
  });
  belvo.api.use({
    onRequest: ({ request }) => void (prefer && request.headers.set("Prefer", prefer)),
    onResponse: ({ response }) =>
      void (response.headers.has("sl-violations") && violations.push(response.headers.get("sl-violations")!)),
  });
  return { belvo, violations };
}

const linkShapes = [
  { password: "p" },
  { password: "p", password2: "pin" },
  { password: "p", token: "123456" },
  { password: "p", password2: "pin", token: "123456" },
];
const ownersShapes: Array<[Record<string, unknown>, Record<string, string> | undefined]> = [
  [{ session: SESSION, link: LINK }, undefined],
  [{ session: SESSION, link: LINK, token: "123456" }, undefined],
  [{ session: SESSION, link: LINK, token: "123456", save_data: true }, undefined],
  [{ session: SESSION, link: LINK, token: "123456", save_data: false }, undefined],
  [{ session: SESSION, link: LINK, token: "123456" }, { fields: "id,display_name" }],
  [{ session: SESSION, link: LINK, token: "123456" }, { omit: "email" }],
  [
    { session: SESSION, link: LINK, save_data: false },
    { fields: "id", omit: "email,address" },
  ],
];

describe("contract with Prism", () => {
  it.each(linkShapes)("accepts updateLinkCredentials with %o", async (credentials) => {
    const { belvo, violations } = prismClient();
    const result = await belvo.updateLinkCredentials(LINK, credentials);
    expect(violations).toEqual([]);
    expect(result.response.status).toBe(200);
  });

  it.each(ownersShapes)("accepts completeOwnersRequest with %o and query %o", async (input, query) => {
    const { belvo, violations } = prismClient();
    const result = await belvo.completeOwnersRequest(input as never, { query });
    expect(violations).toEqual([]);
    expect(result.ok).toBe(true);
  });

  // Every operation, with each request example of its body (or none), as the spec's examples give its arguments.
  const requests = operationIds.flatMap((operationId) => {
    const bodies = requestExamples(operationId);
    return bodies.length
      ? bodies.map(({ name, body }) => [operationId, name, body] as const)
      : [[operationId, "no body", undefined] as const];
  });
  it.each(requests)("accepts %s called with its %s example", async (operationId, _name, body) => {
    const { belvo, violations } = prismClient();
    const result = await callWithExamples(belvo, operationId, {}, body);
    expect(violations).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(documentedExamples().map((e) => [e.operationId, e.status, e.name ?? "no body", e] as const))(
    "%s %s (%s) through Prism gives the typed outcome",
    async (operationId, status, _name, example) => {
      const prefer = example.name === undefined ? `code=${status}` : `code=${status}, example=${example.name}`;
      const { belvo, violations } = prismClient(prefer);
      const result = await callWithExamples(belvo, operationId);
      expect(violations).toEqual([]);
      expectDocumentedOutcome(result, example);
    },
  );

  it("rejects a bad request sent through belvo.api, proving the validation is live", async () => {
    const { belvo, violations } = prismClient();
    const { response } = await belvo.api.PUT("/api/links/{id}/", {
      params: { path: { id: "not-a-uuid" } },
      body: { password2: 42 } as never,
    });
    expect(response.status).toBe(400);
    expect(violations).toHaveLength(1);
    const rules = JSON.parse(violations[0]!).map((v: { location: string[] }) => v.location.join("."));
    expect(rules).toEqual(expect.arrayContaining(["request.path.id", "request.body", "request.body.password2"]));
  });

  it("rejects a missing Authorization header with 401 (basic auth is in the spec)", async () => {
    const response = await fetch(`${prism.url}/api/links/${LINK}/`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: "p" }),
    });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
