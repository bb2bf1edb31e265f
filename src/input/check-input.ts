// Checks what a caller passed against the rules the generator read from the spec, before anything is sent. Every
// key must be one the spec defines (a typo or a camelCase name is refused, never dropped) and every value must
// keep its rule. Messages name the field and the rule, never the value.
import type { FieldRule, ObjectRules } from "../../generated/operation-rules.js";
import { BelvoInputError } from "../errors/belvo-input-error.js";

// JSON Schema's "uuid" format (RFC 4122 textual form, any version).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const patterns = new Map<string, RegExp>();

/** Refuses anything but a plain object whose keys are all in `rules` and whose values keep them. */
export function checkObject(value: unknown, rules: ObjectRules, what: string): void {
  if (!isPlainObject(value)) throw new BelvoInputError(what, "must be an object");
  for (const key of Object.keys(value)) {
    if (!(key in rules.properties)) throw new BelvoInputError(key, unknownKey(key, rules, what));
  }
  for (const field in rules.properties) {
    const fieldValue = value[field];
    if (fieldValue === undefined) {
      if (rules.required.includes(field)) throw new BelvoInputError(field, `is required in ${what}`);
    } else checkValue(fieldValue, rules.properties[field]!, field);
  }
}

/** Refuses a value that breaks its rule. */
export function checkValue(value: unknown, rule: FieldRule, field: string): void {
  const problem = ruleProblem(value, rule);
  if (problem) throw new BelvoInputError(field, problem.reason);
}

/** How a value breaks its rule, in Belvo's validation codes (`null`, `blank`, `invalid`); undefined if it keeps it. */
export function ruleProblem(
  value: unknown,
  rule: FieldRule,
): { code: "null" | "blank" | "invalid"; reason: string } | undefined {
  if (value === null && rule.type !== "any") return { code: "null", reason: "must not be null" };
  const reason = ruleBroken(value, rule);
  if (reason === undefined) return undefined;
  // Belvo answers an empty string `blank`, and anything else that breaks a rule `invalid`.
  return { code: value === "" ? "blank" : "invalid", reason };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKey(key: string, rules: ObjectRules, what: string): string {
  const fields = Object.keys(rules.properties);
  const loose = (name: string) => name.replace(/_/g, "").toLowerCase();
  const meant = fields.find((field) => loose(field) === loose(key));
  return `is not a field of ${what}${meant ? ` (did you mean "${meant}"?)` : ""}; its fields: ${fields.join(", ")}`;
}

function ruleBroken(value: unknown, rule: FieldRule): string | undefined {
  switch (rule.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be a boolean";
    case "integer":
      return Number.isInteger(value) ? undefined : "must be an integer";
    case "number":
      return Number.isFinite(value) ? undefined : "must be a number";
    case "string":
      return stringRuleBroken(value, rule);
    case "array":
      return Array.isArray(value) ? undefined : "must be an array";
    case "object":
      return isPlainObject(value) ? undefined : "must be an object";
    default:
      return undefined; // no type in the spec: any JSON value
  }
}

function stringRuleBroken(value: unknown, rule: FieldRule): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (rule.minLength !== undefined || rule.maxLength !== undefined) {
    const length = codePoints(value); // JSON Schema counts code points, not UTF-16 units
    if (rule.minLength !== undefined && length < rule.minLength) {
      return rule.minLength === 1 ? "must not be empty" : `must have at least ${rule.minLength} characters`;
    }
    if (rule.maxLength !== undefined && length > rule.maxLength)
      return `must have at most ${rule.maxLength} characters`;
  }
  if (rule.format === "uuid" && !UUID.test(value)) return "must be a UUID";
  if (rule.pattern !== undefined && !compiled(rule.pattern).test(value)) {
    return rule.secret ? "is not in the expected format" : `must match ${rule.pattern}`;
  }
  return undefined;
}

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}
