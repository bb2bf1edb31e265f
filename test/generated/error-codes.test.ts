// generated/error-codes.ts against the spec it is generated from: the expected codes are read from the bundled spec
// (each error response's x-error-codes), never typed here.
import { describe, expect, it } from "vitest";
import { documentedErrorCodes, ErrorCode } from "../../generated/error-codes.js";
import { deref, operations } from "../helpers/spec-validator.js";

/** Per operation, per error status (400 and up), the x-error-codes of its response in the bundled spec. */
const fromSpec = Object.fromEntries(
  operations().map(({ operationId, operation }) => [
    operationId,
    Object.fromEntries(
      Object.entries(operation.responses as Record<string, unknown>)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => [status, deref(response)["x-error-codes"] as string[]]),
    ),
  ]),
);
const specCodes = [...new Set(Object.values(fromSpec).flatMap((byStatus) => Object.values(byStatus).flat()))];

describe("generated/error-codes.ts", () => {
  it("holds exactly the x-error-codes of every error response in the bundled spec", () => {
    // Not vacuous: the spec documents codes, under more than one status.
    expect(specCodes.length).toBeGreaterThan(1);
    expect(new Set(Object.values(fromSpec).flatMap(Object.keys)).size).toBeGreaterThan(1);
    expect(documentedErrorCodes).toEqual(fromSpec);
  });

  it("names every code the spec documents once in ErrorCode, mapped to itself", () => {
    expect(Object.keys(ErrorCode).sort()).toEqual([...specCodes].sort());
    for (const [name, code] of Object.entries(ErrorCode)) expect(code).toBe(name);
  });
});
