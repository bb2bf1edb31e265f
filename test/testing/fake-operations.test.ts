// The fake Belvo answers every operation of the spec, in each of its three adapters (socket, fetch, msw): routed on
// the generated table, its answers spec-valid, and its faults and exchanges applying to every operation. Nothing
// here names an operation: a new one in the spec is covered with no edit.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathParameterNames } from "../../src/openapi/path-template.js";
import { createBelvoClient, type BelvoClient } from "../../src/index.js";
import { createFakeBelvo, startFakeBelvo, type FakeBelvoServer } from "../../src/testing/index.js";
import { createFakeBelvoHandlers } from "../../src/testing/msw.js";
import { expectSpecShapedExchanges } from "../helpers/fake-belvo.js";
import { callWithExamples, exampleArguments, operationIds } from "../helpers/operation-examples.js";
import { findOperation, operations } from "../helpers/spec-validator.js";

type Fake = Pick<FakeBelvoServer, "exchanges" | "injectFault" | "clearFaults" | "secretId" | "secretPassword">;
interface Adapter {
  fake: Fake;
  belvo: BelvoClient;
}

const retry = { initialDelayMs: 1, maxDelayMs: 5 };
let socket: FakeBelvoServer;
const fetchFake = createFakeBelvo();
const mswFake = createFakeBelvoHandlers();
const msw = setupServer(...mswFake.handlers);
const adapters: Record<string, () => Adapter> = {
  socket: () => ({
    fake: socket,
    belvo: createBelvoClient({ ...keys(socket), baseUrl: socket.url, retry }),
  }),
  fetch: () => ({ fake: fetchFake, belvo: createBelvoClient({ ...keys(fetchFake), fetch: fetchFake.fetch, retry }) }),
  msw: () => ({ fake: mswFake, belvo: createBelvoClient({ ...keys(mswFake), retry }) }),
};
const keys = (fake: Fake) => ({ secretId: fake.secretId, secretPassword: fake.secretPassword });

beforeAll(async () => {
  socket = await startFakeBelvo();
  msw.listen({ onUnhandledRequest: "bypass" }); // the socket adapter's requests go through
});
afterAll(async () => {
  msw.close();
  await socket.close();
});

/** The concrete path of an operation, its path parameters filled in from their examples. */
function examplePath(operationId: string): string {
  const { path } = findOperation(operationId);
  const values = exampleArguments(operationId);
  return pathParameterNames(path).reduce(
    (filled, name, i) => filled.replace(`{${name}}`, encodeURIComponent(String(values[i]))),
    path,
  );
}

const cases = Object.keys(adapters).flatMap((adapter) => operationIds.map((op) => [adapter, op] as const));

describe("the fake Belvo answers every operation of the spec", () => {
  it.each(cases)(
    "%s: %s with the spec's examples gets a documented, spec-valid answer",
    async (adapter, operationId) => {
      const { fake, belvo } = adapters[adapter]!();
      const before = fake.exchanges.length;
      const result = await callWithExamples(belvo, operationId);
      const documented = Object.keys(findOperation(operationId).operation.responses);
      expect(documented).toContain(String(result.response.status));
      const { method } = findOperation(operationId);
      expect(fake.exchanges.slice(before)).toMatchObject([
        { method: method.toUpperCase(), path: examplePath(operationId), status: result.response.status },
      ]);
      expectSpecShapedExchanges({ exchanges: fake.exchanges.slice(before) });
    },
  );

  it.each(cases)("%s: %s plays an injected fault and records it", async (adapter, operationId) => {
    const { fake, belvo } = adapters[adapter]!();
    const { method } = findOperation(operationId);
    const before = fake.exchanges.length;
    fake.injectFault({ match: { method: method.toUpperCase(), path: examplePath(operationId) }, status: 503 });
    const result = await callWithExamples(belvo, operationId, {});
    const statuses = fake.exchanges.slice(before).map((e) => [e.status, e.faulted]);
    // Retried after the 503 unless the request carries a single-use token.
    expect(statuses[0]).toEqual([503, true]);
    expect(result.response.status).toBe(statuses.at(-1)![0]);
    fake.clearFaults();
  });
});

describe("the fake Belvo refuses a method the spec does not define on one of its paths", () => {
  const paths = [...new Set(operations().map((op) => op.path))];
  const cases = paths.flatMap((path) => {
    const defined = operations().filter((op) => op.path === path);
    const allow = defined.map((op) => op.method.toUpperCase()).join(", ");
    return ["GET", "PUT", "POST", "PATCH", "DELETE"]
      .filter((method) => !allow.split(", ").includes(method))
      .map((method) => [method, path, allow, defined[0]!.operationId] as const);
  });

  it.each(cases)("%s %s → 405, Allow: %s", async (method, _path, allow, operationId) => {
    const { fake } = adapters.fetch!();
    const response = await fetchFake.fetch(`https://sandbox.belvo.com${examplePath(operationId)}`, {
      method,
      headers: { authorization: `Basic ${btoa(`${fake.secretId}:${fake.secretPassword}`)}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(await response.json()).toMatchObject([{ code: "method_not_allowed" }]);
  });
});
