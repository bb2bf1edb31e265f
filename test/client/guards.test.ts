import { describe, expect, it } from "vitest";
import { hasErrorCode } from "../../src/index.js";
import { GUARD_CODES as guards } from "../helpers/guard-codes.js";

const hostile = new Proxy([], {
  get() {
    throw new Error("boom");
  },
});

describe("error guards", () => {
  it.each(guards)("%o is true for an error list carrying its code, anywhere in the list", (guard, code) => {
    expect(guard([{ code }])).toBe(true);
    expect(guard([{ code: "other" }, { code, message: "m" }])).toBe(true);
  });

  it.each(guards)("%o is false for every other value, and never throws", (guard, code) => {
    for (const value of [
      undefined,
      null,
      0,
      "",
      code,
      { code },
      [],
      [{ code: "other" }],
      [null],
      [code],
      hostile,
      () => code,
    ]) {
      expect(guard(value)).toBe(false);
    }
  });

  it("hasErrorCode accepts codes the spec does not document", () => {
    expect(hasErrorCode([{ code: "blank", field: "password" }], "blank")).toBe(true);
    expect(hasErrorCode([{ code: "blank" }], "null")).toBe(false);
    expect(hasErrorCode(hostile, "blank")).toBe(false);
  });
});
