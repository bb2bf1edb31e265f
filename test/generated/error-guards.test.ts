// generated/error-guards.ts: one guard per code the spec documents (x-error-codes), named after it, and no other;
// each true exactly for an error list that carries its code. The codes are read from the bundled spec.
import { describe, expect, it } from "vitest";
import * as generatedGuards from "../../generated/error-guards.js";
import { guardName } from "../../scripts/generate/derive-error-guards.js";
import * as client from "../../src/index.js";
import { deref, operations } from "../helpers/spec-validator.js";

const specCodes = [
  ...new Set(
    operations().flatMap(({ operation }) =>
      Object.entries(operation.responses as Record<string, unknown>)
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([, response]) => (deref(response)["x-error-codes"] ?? []) as string[]),
    ),
  ),
];
const guardOf = (code: string) => (client as unknown as Record<string, (error: unknown) => boolean>)[guardName(code)];

describe("generated/error-guards.ts", () => {
  it("names each guard after its code: its words joined, and Error after a one-word code", () => {
    expect(guardName("alpha_beta")).toBe("isAlphaBeta");
    expect(guardName("alpha_beta_gamma_2")).toBe("isAlphaBetaGamma2");
    // A one-word code reads as its own check otherwise (a code `null` would give isNull).
    expect(guardName("alpha")).toBe("isAlphaError");
  });

  it("has exactly one guard per code the spec documents, each exported by the client entry", () => {
    expect(specCodes.length).toBeGreaterThan(1);
    const expected = specCodes.map(guardName).sort();
    expect(new Set(expected).size).toBe(specCodes.length); // no two codes share a guard name
    expect(Object.keys(generatedGuards).sort()).toEqual(expected);
    for (const name of expected) expect(client[name as keyof typeof client]).toBe(generatedGuards[name as never]);
  });

  it("gives, for each documented code, a guard true for an error list carrying it and false otherwise", () => {
    for (const [index, code] of specCodes.entries()) {
      const guard = guardOf(code)!;
      const other = specCodes[(index + 1) % specCodes.length]!;
      const item = { code, message: "m", request_id: "r" };
      expect(guard([item]), code).toBe(true);
      expect(guard([{ code: other }, { code }]), code).toBe(true);
      expect(guard([]), code).toBe(false);
      expect(guard([{ code: other }]), code).toBe(false);
      expect(guard([{ code: code.toUpperCase() }]), code).toBe(false);
      expect(guard(item), code).toBe(false); // one object, not a list
      expect(guard([code]), code).toBe(false);
      expect(guard(code), code).toBe(false);
      expect(guard(undefined), code).toBe(false);
      expect(guard(null), code).toBe(false);
    }
  });
});
