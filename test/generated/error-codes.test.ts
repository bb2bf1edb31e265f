import { describe, expect, it } from "vitest";
import { documentedErrorCodes, ErrorCode } from "../../generated/error-codes.js";
import { deref, operations } from "../helpers/spec-validator.js";

// The codes ../shared/reference/belvo-schemas.md records for the live API, per status, with the validation codes
// Belvo's 1.223.0 document adds to the 400 (`blank`, `null`, `does_not_exist`).
const BAD_REQUEST = [
  "too_many_sessions",
  "login_error",
  "session_expired",
  "required",
  "institution_down",
  "institution_unavailable",
  "institution_inactive",
  "invalid_link",
  "invalid_credentials_storage",
  "invalid_fetch_resources",
  "invalid",
  "unconfirmed_link",
  "unsupported_operation",
  "invalid_period",
  "blank",
  "null",
  "does_not_exist",
];
const COMMON = {
  "400": BAD_REQUEST,
  "401": ["authentication_failed", "consent_without_accounts"],
  "403": ["access_to_resource_denied"],
  "404": ["not_found"],
  "428": ["token_required"],
  "500": ["unexpected_error"],
};

describe("generated/error-codes.ts", () => {
  it("holds exactly the codes the live API documents for the two MFA operations, per status", () => {
    expect(documentedErrorCodes).toMatchObject({
      completeOwnersRequest: { ...COMMON, "408": ["request_timeout"] },
      updateLinkCredentials: COMMON,
    });
  });

  it("holds exactly the x-error-codes of every error response in the bundled spec", () => {
    const fromSpec = Object.fromEntries(
      operations().map(({ operationId, operation }) => [
        operationId,
        Object.fromEntries(
          Object.entries(operation.responses)
            .filter(([status]) => Number(status) >= 400)
            .map(([status, response]) => [status, deref(response)["x-error-codes"]]),
        ),
      ]),
    );
    expect(documentedErrorCodes).toEqual(fromSpec);
  });

  it("names every documented code once in ErrorCode, mapped to itself", () => {
    const all = new Set(Object.values(documentedErrorCodes).flatMap((byStatus) => Object.values(byStatus).flat()));
    expect(Object.keys(ErrorCode).sort()).toEqual([...all].sort());
    for (const [name, code] of Object.entries(ErrorCode)) expect(code).toBe(name);
  });
});
