// Checks request values against the rules the generator read from the spec, before anything is sent.
import { BelvoInputError } from "../errors/belvo-input-error.js";

/** The shape of one rule in generated/operation-rules.ts. */
export interface FieldRule {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly secret?: boolean;
}

// JSON Schema's "uuid" format (RFC 4122 textual form, any version).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const patternCache = new Map<string, RegExp>();

/**
 * Throws BelvoInputError for the first value that breaks its rule. `displayName` turns a spec field name into
 * the name the caller used (`save_data` → `saveData`). Messages state the rule, never the value.
 */
export function checkFields(
  values: Readonly<Record<string, unknown>>,
  rules: Readonly<Record<string, FieldRule>>,
  required: readonly string[],
  displayName: (field: string) => string = (field) => field,
): void {
  for (const field in rules) {
    const value = values[field];
    if (value === undefined) {
      if (required.includes(field)) throw new BelvoInputError(displayName(field), "is required");
      continue;
    }
    const problem = ruleBroken(value, rules[field]!);
    if (problem) throw new BelvoInputError(displayName(field), problem);
  }
}

function ruleBroken(value: unknown, rule: FieldRule): string | undefined {
  if (rule.type === "boolean") return typeof value === "boolean" ? undefined : "must be a boolean";
  if (rule.type !== "string") return undefined;
  if (typeof value !== "string") return "must be a string";
  const length = codePoints(value); // JSON Schema counts code points, not UTF-16 units
  if (rule.minLength !== undefined && length < rule.minLength) {
    return rule.minLength === 1 ? "must not be empty" : `must have at least ${rule.minLength} characters`;
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
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
  let regex = patternCache.get(pattern);
  if (!regex) patternCache.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}
