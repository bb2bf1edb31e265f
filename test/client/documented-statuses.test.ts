// Every status the spec documents for every operation, answered by the fake Belvo with the spec's own examples over
// HTTP, yields the typed outcome: data for 2xx (none for a 204), an error list (and the right guard) otherwise.
import { describe, expect, it } from "vitest";
import { clientFor, useFakeBelvo } from "../helpers/fake-belvo.js";
import { documentedExamples, expectDocumentedOutcome } from "../helpers/documented-outcomes.js";
import { callWithExamples } from "../helpers/operation-examples.js";
import { operations } from "../helpers/spec-validator.js";

const fake = useFakeBelvo();
const examples = documentedExamples();

describe("documented statuses", () => {
  it("covers every status of every operation", () => {
    const documented = operations().flatMap((op) =>
      Object.keys(op.operation.responses).map((s) => `${op.operationId} ${s}`),
    );
    expect(new Set(examples.map((e) => `${e.operationId} ${e.status}`))).toEqual(new Set(documented));
  });

  it.each(examples.map((e) => [e.operationId, e.status, e.name ?? "no body", e] as const))(
    "%s %s (%s) gives the typed outcome",
    async (operationId, status, _name, example) => {
      fake().injectFault({ status: Number(status), body: example.body ?? "" });
      expectDocumentedOutcome(await callWithExamples(clientFor(fake(), { retry: false }), operationId), example);
    },
  );
});
