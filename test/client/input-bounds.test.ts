// What a value's type does not say, checked before the wire from the spec's own rules (an enum, a number's range, an
// array's length): the rules the operation table carries, as Belvo's document gives them.
import { describe, expect, it } from "vitest";
import type { FieldRule } from "../../generated/operation-rules.js";
import { ruleProblem } from "../../src/input/check-input.js";

describe("a value's bounds", () => {
  it.each<[FieldRule, unknown, string | undefined]>([
    [{ type: "string", enum: ["async"] }, "async", undefined],
    [{ type: "string", enum: ["async"] }, "sync", 'must be one of "async"'],
    [{ type: "string", enum: ["a"], secret: true }, "hunter2", "is not one of the allowed values"],
    [{ type: "integer", minimum: 1, maximum: 1000 }, 1000, undefined],
    [{ type: "integer", minimum: 1, maximum: 1000 }, 0, "must be at least 1"],
    [{ type: "integer", minimum: 1, maximum: 1000 }, 1001, "must be at most 1000"],
    [{ type: "number", exclusiveMinimum: 0 }, 0, "must be more than 0"],
    [{ type: "number", exclusiveMaximum: 1 }, 1, "must be less than 1"],
    [{ type: "array", items: { type: "string" }, minItems: 1, maxItems: 2 }, ["a", "b"], undefined],
    [{ type: "array", items: { type: "string" }, minItems: 1 }, [], "must have at least 1 item"],
    [{ type: "array", items: { type: "string" }, maxItems: 2 }, ["a", "b", "c"], "must have at most 2 items"],
    [{ type: "array", items: { type: "integer", maximum: 9 } }, [1, 10], "item 1 must be at most 9"],
  ])("%j with %j", (rule, value, reason) => {
    expect(ruleProblem(value, rule)?.reason).toBe(reason);
  });
});
