// When two names are a typo apart: the rule behind every "did you mean" (client options, call inputs, spec:adopt).
import { describe, expect, it } from "vitest";
import { isNear } from "../../src/text/edit-distance.js";

describe("isNear", () => {
  it("takes one edit, or two for names of 7 characters or more", () => {
    expect(isNear("retires", "retries")).toBe(true); // two substitutions, 7 characters
    expect(isNear("timeout", "timeoutms")).toBe(true); // two insertions
    expect(isNear("sessoin", "session")).toBe(true);
    expect(isNear("link", "lnk")).toBe(false); // under 4 characters
    expect(isNear("token", "tokens")).toBe(true);
    expect(isNear("token", "tkns")).toBe(false); // two edits for a short name
    expect(isNear("listacounts", "listaccounts")).toBe(true);
    expect(isNear("listeverything", "listaccounts")).toBe(false);
  });
});
