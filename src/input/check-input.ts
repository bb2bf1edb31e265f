// Checks what a caller passed against the rules the generator read from the spec, before anything is sent. Every
// key must be one the spec defines (a typo or a camelCase name is refused, never dropped) and every value must
// keep its rule. Messages name the field and the rule, never the value. What is checked is a copy made of plain JSON
// values, each property read once, and that copy is what is sent: a getter, a `toJSON` or a class instance cannot
// make the bytes on the wire differ from what passed the checks.
import type { FieldRule, ObjectRules, OperationRules } from "../../generated/operation-rules.js";
import { BelvoInputError } from "../errors/belvo-input-error.js";
import { unknownKey, unknownKeyReason } from "./closed-fields.js";

// JSON Schema's "uuid" format (RFC 4122 textual form, any version).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const patterns = new Map<string, RegExp>();
/** The deepest a caller's value may nest: no field of Belvo's comes near it. */
const MAX_DEPTH = 32;

/**
 * A plain copy of an object whose keys are all in `rules` (own keys only: `constructor` is not a field) and whose
 * values keep them. Refuses anything else, naming the field.
 */
export function checkObject(value: unknown, rules: ObjectRules, what: string): Record<string, unknown> {
  const copy = plainCopy(value, what);
  if (!isPlainObject(copy)) throw new BelvoInputError(what, "must be an object");
  const unknown = unknownKey(Object.keys(copy), Object.keys(rules.properties));
  if (unknown) throw new BelvoInputError(unknown.key, unknownKeyReason(unknown, `a field of ${what}`, "its fields"));
  for (const field of Object.keys(rules.properties)) {
    const fieldValue = Object.hasOwn(copy, field) ? copy[field] : undefined;
    if (fieldValue === undefined) {
      if (rules.required.includes(field)) throw new BelvoInputError(field, `is required in ${what}`);
    } else checkValue(fieldValue, rules.properties[field]!, field);
  }
  return copy;
}

/**
 * A plain copy of a body that keeps its operation's rules: one object, or one of the objects of a `oneOf` body (the
 * first it keeps). When it keeps none, the error is the branch's whose keys it has: a field that breaks it.
 */
export function checkBody(value: unknown, rules: Pick<OperationRules, "body" | "bodyOneOf">, what: string) {
  if (!rules.bodyOneOf) return checkObject(value, rules.body, what);
  const failures: BelvoInputError[] = [];
  for (const branch of rules.bodyOneOf) {
    try {
      return checkObject(value, branch, what);
    } catch (error) {
      if (!(error instanceof BelvoInputError)) throw error;
      failures.push(error);
    }
  }
  const known = failures.find((failure) => !failure.reason.startsWith("is not a field of"));
  if (known) throw known;
  throw new BelvoInputError(what, `must be one of its ${rules.bodyOneOf.length} shapes; its keys fit none of them`);
}

/**
 * A copy of a caller's value made of plain JSON values (each property read once, as a data property), or a
 * BelvoInputError naming the field: a class instance, a getter, a function (a `toJSON` among them), a symbol key, a
 * bigint, a number JSON cannot carry, an array hole, or nesting past MAX_DEPTH. A key whose value is undefined is
 * left out, as JSON leaves it out: the spec reads it as absent.
 */
export function plainCopy(value: unknown, what: string): unknown {
  try {
    return copyOf(value, undefined, what, 0);
  } catch (error) {
    if (error instanceof BelvoInputError) throw error;
    throw new BelvoInputError(what, "could not be read"); // a revoked Proxy, a throwing trap
  }
}

function copyOf(value: unknown, path: string | undefined, what: string, depth: number): unknown {
  const field = path ?? what;
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw new BelvoInputError(field, "must be a finite number (JSON has no NaN or Infinity)");
  }
  if (typeof value !== "object")
    throw new BelvoInputError(
      field,
      `must be a JSON value, not ${value === undefined ? "undefined" : `a ${typeof value}`}`,
    );
  if (depth >= MAX_DEPTH) throw new BelvoInputError(field, `nests deeper than ${MAX_DEPTH} levels`);
  const array = Array.isArray(value);
  if (array ? !isPlainArray(value) : !isPlainObject(value))
    throw new BelvoInputError(field, "must be a plain object or array, not a class instance");
  const copy: Record<string, unknown> | unknown[] = array ? [] : {};
  for (const key of Reflect.ownKeys(value)) {
    if (array && key === "length") continue;
    if (typeof key === "symbol") throw new BelvoInputError(field, "has a symbol key, which JSON cannot carry");
    const inner = array ? `${field}[${key}]` : path === undefined ? key : `${path}.${key}`;
    if (array && !/^(0|[1-9]\d*)$/.test(key))
      throw new BelvoInputError(inner, "is not an element: JSON would leave it out");
    const property = Reflect.getOwnPropertyDescriptor(value, key)!;
    if (!("value" in property)) throw new BelvoInputError(inner, "is a getter: pass the value itself");
    if (!property.enumerable) throw new BelvoInputError(inner, "is not enumerable, so JSON would leave it out");
    if (!array && property.value === undefined) continue;
    const item = copyOf(property.value, inner, what, depth + 1);
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  if (array && Object.keys(copy).length !== (value as unknown[]).length)
    throw new BelvoInputError(field, "has holes, which JSON would send as null");
  return copy;
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

/**
 * An object literal, `JSON.parse` output or `Object.create(null)`, from any realm: no array, no class instance (its
 * prototype is Object.prototype, whose own prototype is null, or null).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** An array literal or `JSON.parse` output, from any realm: not an instance of a subclass of Array. */
function isPlainArray(value: object): boolean {
  const prototype = Object.getPrototypeOf(value); // Array.prototype is itself an array; a subclass's is not
  return Array.isArray(prototype) && Object.getPrototypeOf(Object.getPrototypeOf(prototype)) === null;
}

function ruleBroken(value: unknown, rule: FieldRule): string | undefined {
  return typeBroken(value, rule) ?? boundsBroken(value, rule);
}

/** What a value's type does not say: the spec's enum, a number's range, an array's length. */
function boundsBroken(value: unknown, rule: FieldRule): string | undefined {
  if (rule.enum && !rule.enum.includes(value)) {
    return rule.secret
      ? "is not one of the allowed values"
      : `must be one of ${rule.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (typeof value === "number") {
    if (rule.minimum !== undefined && value < rule.minimum) return `must be at least ${rule.minimum}`;
    if (rule.maximum !== undefined && value > rule.maximum) return `must be at most ${rule.maximum}`;
    if (rule.exclusiveMinimum !== undefined && value <= rule.exclusiveMinimum)
      return `must be more than ${rule.exclusiveMinimum}`;
    if (rule.exclusiveMaximum !== undefined && value >= rule.exclusiveMaximum)
      return `must be less than ${rule.exclusiveMaximum}`;
  }
  if (Array.isArray(value)) {
    const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
    if (rule.minItems !== undefined && value.length < rule.minItems)
      return `must have at least ${items(rule.minItems)}`;
    if (rule.maxItems !== undefined && value.length > rule.maxItems) return `must have at most ${items(rule.maxItems)}`;
  }
  return undefined;
}

function typeBroken(value: unknown, rule: FieldRule): string | undefined {
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
      return arrayRuleBroken(value, rule);
    case "object":
      return isPlainObject(value) ? undefined : "must be an object";
    default:
      return undefined; // no type in the spec: any JSON value
  }
}

function arrayRuleBroken(value: unknown, rule: FieldRule): string | undefined {
  if (!Array.isArray(value)) return "must be an array";
  if (rule.commaSeparated && value.length === 0)
    return "must have at least one item (sent comma-separated, an empty list reads as one empty item)";
  for (const [index, item] of value.entries()) {
    const broken = rule.items && (item === null ? "must not be null" : ruleBroken(item, rule.items));
    if (broken) return `item ${index} ${broken}`;
    // Sent as one comma-separated value: an item with a comma would be read back as two.
    if (rule.commaSeparated && !(typeof item === "string" || typeof item === "number" || typeof item === "boolean"))
      return `item ${index} must be a string, number or boolean (the items are sent comma-separated)`;
    if (rule.commaSeparated && String(item).includes(","))
      return `item ${index} must not contain a comma (the items are sent comma-separated)`;
  }
  return undefined;
}

// A UTF-16 surrogate without its pair: no UTF-8 can carry it, so a URL cannot (encodeURIComponent throws).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a lone surrogate: UTF-8 would send U+FFFD in its place, not what was given. */
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

function stringRuleBroken(value: unknown, rule: FieldRule): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (hasLoneSurrogate(value)) return "must be valid Unicode (it has a lone surrogate)";
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
