// The fake's request validation: what Belvo answers a request that breaks the spec with, from the same rules the
// generator reads from the spec for the client (generated/operation-rules.ts), so the two cannot drift. Every broken
// field is reported, as Belvo does: `required`, `null`, `blank` or `invalid`, with the field's name.
import type { OperationRules } from "../../generated/operation-rules.js";
import type { BelvoError } from "../../generated/schema.js";
import { isPlainObject, ruleProblem } from "../input/check-input.js";

export interface RequestParts {
  body: unknown;
  query: URLSearchParams;
}

/** The 400 errors of a request, empty when it keeps the spec's rules (unknown keys pass: the spec leaves bodies open). */
export function requestErrors(rules: OperationRules, { body, query }: RequestParts, requestId: string): BelvoError[] {
  const error = (code: string, message: string, field: string | null): BelvoError => ({
    code,
    message,
    request_id: requestId,
    field,
  });
  if (!isPlainObject(body)) return [error("invalid", "The body must be a JSON object.", null)];
  const errors: BelvoError[] = [];
  for (const [field, rule] of Object.entries(rules.body.properties)) {
    const value = body[field];
    if (value === undefined) {
      if (rules.body.required.includes(field)) errors.push(error("required", "This field is required.", field));
      continue;
    }
    const problem = ruleProblem(value, rule);
    if (problem) errors.push(error(problem.code, `This field ${problem.reason}.`, field));
  }
  for (const [field, rule] of Object.entries(rules.query)) {
    const value = query.get(field);
    const problem = value === null ? undefined : ruleProblem(value, rule);
    if (problem) errors.push(error(problem.code, `This query parameter ${problem.reason}.`, field));
  }
  return errors;
}
