// What carries a single-use MFA token (`x-single-use` in the spec): a request carrying one is never re-sent. The
// operation methods know what they send; for a raw `belvo.api` request (or one a middleware replaced) the transport
// asks `mayCarrySingleUse`, which reads the request itself.
import { operationRules, type ObjectRules } from "../generated/operation-rules.js";

/** The body fields, query parameters and headers that carry a single-use token, by location. */
export type SingleUseFields = Readonly<Record<"body" | "query" | "header", readonly string[]>>;

export function singleUseFieldsOf(rules: Readonly<Record<keyof SingleUseFields, ObjectRules>>): SingleUseFields {
  const of = ({ properties }: ObjectRules) => Object.keys(properties).filter((field) => properties[field]!.singleUse);
  return { body: of(rules.body), query: of(rules.query), header: of(rules.header) };
}

const perOperation = Object.values(operationRules).map(singleUseFieldsOf);

/** What carries a single-use token in any operation of the spec, by location. */
export const singleUseFields: SingleUseFields = {
  body: perOperation.flatMap((fields) => fields.body),
  query: perOperation.flatMap((fields) => fields.query),
  header: perOperation.flatMap((fields) => fields.header),
};

/** Whether a request may carry a single-use token in any operation's body field, query parameter or header. */
export function mayCarrySingleUse(request: Request, body: string | undefined): boolean {
  if (singleUseFields.header.some((name) => request.headers.has(name))) return true;
  if (singleUseFields.query.some((name) => new URL(request.url).searchParams.has(name))) return true;
  return body !== undefined && mayCarryField(body, singleUseFields.body);
}

/**
 * Whether a raw body may carry one of `fields`. Without the quoted field name (or a \u escape that could spell it)
 * the key cannot be there, and the body need not be parsed.
 */
function mayCarryField(body: string, fields: readonly string[]): boolean {
  if (!body.includes("\\u") && !fields.some((field) => body.includes(`"${field}"`))) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && fields.some((field) => field in parsed);
  } catch {
    // Not JSON: we cannot tell what it carries, so treat it as carrying a token and never re-send it.
    return true;
  }
}
