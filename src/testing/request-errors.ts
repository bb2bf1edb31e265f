// The fake's request validation: what Belvo answers a request that breaks the spec with, from the same rules the
// generator reads from the spec for the client (generated/operation-rules.ts), so the two cannot drift. Every broken
// field is reported, as Belvo does: `required`, `null`, `blank` or `invalid`, with the field's name.
import type { FieldRule, ObjectRules, OperationRules } from "../../generated/operation-rules.js";
import type { BelvoError } from "../../generated/schema.js";
import { isPlainObject, ruleProblem } from "../input/check-input.js";

export interface RequestParts {
  /** The parsed JSON body, undefined when none was sent. */
  body: unknown;
  query: URLSearchParams;
  headers: Headers;
}

/** The 400 errors of a request, empty when it keeps the spec's rules (unknown keys pass: the spec leaves bodies open). */
export function requestErrors(
  rules: OperationRules,
  { body, query, headers }: RequestParts,
  requestId: string,
): BelvoError[] {
  const error = (code: string, message: string, field: string | null): BelvoError => ({
    code,
    message,
    request_id: requestId,
    field,
  });
  const errors: BelvoError[] = [];
  const check = (fields: ObjectRules, value: (field: string) => unknown, what: string) => {
    for (const [field, rule] of Object.entries(fields.properties)) {
      const fieldValue = value(field);
      if (fieldValue === undefined) {
        if (fields.required.includes(field)) errors.push(error("required", "This field is required.", field));
        continue;
      }
      const problem = ruleProblem(fieldValue, rule);
      if (problem) errors.push(error(problem.code, `This ${what} ${problem.reason}.`, field));
    }
  };
  if (rules.requestBody !== "none" && (body !== undefined || rules.requestBody === "required")) {
    if (!isPlainObject(body)) return [error("invalid", "The body must be a JSON object.", null)];
    // A oneOf body keeps one of its objects: the errors of the branch that comes closest, none if one fits.
    const branches = rules.bodyOneOf ?? [rules.body];
    const found = branches.map((branch) => {
      const before = errors.length;
      check(branch, (field) => body[field], "field");
      return errors.splice(before);
    });
    errors.push(...found.reduce((best, next) => (next.length < best.length ? next : best)));
  }
  check(rules.query, (field) => fromText(query.getAll(field), rules.query.properties[field]!), "query parameter");
  check(rules.header, (field) => fromText(headers.get(field) ?? [], rules.header.properties[field]!), "header");
  return errors;
}

/** A path, query or header value as its rule's type reads it (`?limit=5` is the integer 5); undefined when absent. */
export function fromText(values: string | string[], rule: FieldRule): unknown {
  const all = typeof values === "string" ? [values] : values;
  if (all.length === 0) return undefined;
  if (rule.type === "array") {
    const items = rule.commaSeparated ? all.flatMap((value) => value.split(",")) : all;
    return rule.items ? items.map((item) => fromText(item, rule.items!)) : items;
  }
  const text = all[0]!;
  if ((rule.type === "integer" || rule.type === "number") && text.trim() !== "") return Number(text);
  if (rule.type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}
