// generated/error-guards.ts: one guard per code the spec documents (x-error-codes), named after it, and no other.
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../generated/error-codes.js";
import * as generatedGuards from "../../generated/error-guards.js";
import { guardName } from "../../scripts/generate/derive-error-guards.js";
import * as client from "../../src/index.js";

describe("generated/error-guards.ts", () => {
  it("names each guard after its code (a one-word code with Error after it)", () => {
    expect(guardName("token_required")).toBe("isTokenRequired");
    expect(guardName("access_to_resource_denied")).toBe("isAccessToResourceDenied");
    expect(guardName("invalid_credentials_storage")).toBe("isInvalidCredentialsStorage");
    expect(guardName("null")).toBe("isNullError"); // not an isNull that reads like a null check
    expect(guardName("invalid")).toBe("isInvalidError");
  });

  it("has exactly one guard per documented code, each exported by the client entry", () => {
    const expected = Object.values(ErrorCode).map(guardName).sort();
    expect(Object.keys(generatedGuards).sort()).toEqual(expected);
    for (const name of expected) expect(client[name as keyof typeof client]).toBe(generatedGuards[name as never]);
  });
});
