// Every status the spec documents for both operations, answered by the fake Belvo with the spec's own examples
// over HTTP, yields the typed outcome: data for 2xx, an error list (and the right guard) otherwise.
import { describe, expect, it } from "vitest";
import { clientFor, MFA_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";
import { documentedExamples, expectDocumentedOutcome } from "../helpers/documented-outcomes.js";

const fake = useFakeBelvo();
const examples = documentedExamples();

function call(operationId: string) {
  const belvo = clientFor(fake(), { retry: false });
  return operationId === "updateLinkCredentials"
    ? belvo.updateLinkCredentials(MFA_LINK, { password: "p" })
    : belvo.completeOwnersRequest({ session: "2675b703b9d4451f8d4861a3eee54449", link: MFA_LINK, token: "1234ab" });
}

describe("documented statuses", () => {
  it("covers every status of both operations", () => {
    expect(new Set(examples.map((e) => `${e.operationId} ${e.status}`)).size).toBe(16);
  });

  it.each(examples.map((e) => [e.operationId, e.status, e.name, e] as const))(
    "%s %s (%s example) gives the typed outcome",
    async (operationId, status, _name, example) => {
      fake().injectFault({ status: Number(status), body: example.body });
      expectDocumentedOutcome(await call(operationId), example);
    },
  );
});
