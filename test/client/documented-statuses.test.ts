// Every status the spec documents for both operations, answered with the spec's own examples over HTTP,
// yields the typed outcome: data for 2xx, an error list (and the right guard) otherwise.
import { describe, expect, it } from "vitest";
import {
  isAccessDenied,
  isAuthenticationFailed,
  isNotFound,
  isRequestTimeout,
  isSessionExpired,
  isTokenRequired,
  isUnexpectedError,
  tokenChallenge,
} from "../../src/index.js";
import { clientFor, MFA_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";
import { deref, operations } from "../helpers/spec-validator.js";

const fake = useFakeBelvo();

const GUARD_BY_STATUS: Record<string, (error: unknown) => boolean> = {
  "401": isAuthenticationFailed,
  "403": isAccessDenied,
  "404": isNotFound,
  "408": isRequestTimeout,
  "428": isTokenRequired,
  "500": isUnexpectedError,
};

const cases = operations().flatMap(({ operationId, operation }) =>
  Object.entries<any>(operation.responses).flatMap(([status, response]) =>
    Object.entries<any>(deref(response).content["application/json"].examples).map(
      ([name, example]) => [operationId, status, name, deref(example).value] as const,
    ),
  ),
);

function call(operationId: string) {
  const belvo = clientFor(fake(), { retry: false });
  return operationId === "updateLinkCredentials"
    ? belvo.updateLinkCredentials(MFA_LINK, { password: "p" })
    : belvo.completeOwnersRequest({ session: "2675b703b9d4451f8d4861a3eee54449", link: MFA_LINK, token: "1234ab" });
}

describe("documented statuses", () => {
  it("covers every status of both operations", () => {
    expect(new Set(cases.map(([op, status]) => `${op} ${status}`)).size).toBe(16);
  });

  it.each(cases)("%s %s (%s example) gives the typed outcome", async (operationId, status, _name, body) => {
    fake().injectFault({ status: Number(status), body });
    const result = await call(operationId);
    expect(result.response.status).toBe(Number(status));
    expect(result.ok).toBe(Number(status) < 300);
    if (result.ok) {
      expect(result.data).toEqual(body);
      expect(result.error).toBeUndefined();
      return;
    }
    expect(result.error).toEqual(body);
    expect(result.requestId).toBe((body as Array<{ request_id: string }>)[0]!.request_id);
    const guard = GUARD_BY_STATUS[status];
    if (guard) expect(guard(result.error)).toBe(true);
    if (status === "400") expect(isSessionExpired(result.error)).toBe(body[0].code === "session_expired");
    expect(tokenChallenge(result) !== undefined).toBe(status === "428");
  });
});
