// What a request carries, read once from what is actually sent (its URL, headers and body bytes), for every request
// alike: operation methods, resume helpers, raw `belvo.api` calls and requests a middleware replaced. A request that
// could carry a single-use MFA token (`x-single-use` in the spec) is never re-sent; the values of secret and
// single-use fields are what our formatting redacts.
import { operationRules, type FieldRule, type OperationRules } from "../generated/operation-rules.js";

/** The names, in any operation of the spec, of the body fields, query parameters and headers whose rule passes. */
function namesWhere(test: (rule: FieldRule) => unknown) {
  const operations: OperationRules[] = Object.values(operationRules);
  const names = (location: "body" | "query" | "header") => {
    const all = operations.flatMap(({ [location]: { properties } }) =>
      Object.keys(properties).filter((name) => test(properties[name]!)),
    );
    return [...new Set(all)];
  };
  return { body: names("body"), query: names("query"), header: names("header") };
}

/** What carries a single-use token in any operation of the spec, by location. */
export const singleUseFields = namesWhere((rule) => rule.singleUse);
const secretFields = namesWhere((rule) => rule.secret || rule.singleUse);

export interface SentRequest {
  /** It may carry a single-use token: never re-send it. */
  carriesSingleUseToken: boolean;
  /** The values of the secret and single-use fields it carries, for redaction. */
  secrets: string[];
}

/**
 * What a request carries, from its URL, headers and body text as sent. A body that is not JSON counts as carrying
 * a token (we cannot tell what it holds); in JSON, a single-use field at any depth does.
 */
export function readSentRequest(
  url: string,
  headers: Readonly<Record<string, string>>,
  sentBody: string | Uint8Array | undefined,
): SentRequest {
  const sent: SentRequest = { carriesSingleUseToken: false, secrets: [] };
  // The headers as sent: names in lower case.
  const header = (name: string) =>
    Object.hasOwn(headers, name.toLowerCase()) ? headers[name.toLowerCase()] : undefined;
  for (const name of secretFields.header) {
    const value = header(name);
    if (value !== undefined) sent.secrets.push(value);
  }
  sent.carriesSingleUseToken = singleUseFields.header.some((name) => header(name) !== undefined);
  const queryStart = url.indexOf("?");
  if (queryStart !== -1) {
    const query = new URLSearchParams(url.slice(queryStart + 1).split("#")[0]);
    for (const name of secretFields.query) sent.secrets.push(...query.getAll(name));
    if (singleUseFields.query.some((name) => query.has(name))) sent.carriesSingleUseToken = true;
  }
  if (sentBody === undefined || sentBody.length === 0) return sent;
  let body = "";
  let parsed: unknown;
  try {
    // Bytes that are not UTF-8 are not JSON either.
    // A leading BOM is no part of the JSON (JSON.parse would refuse it, and the secrets after it go unredacted).
    body = (
      typeof sentBody === "string" ? sentBody : new TextDecoder("utf-8", { fatal: true }).decode(sentBody)
    ).replace(/^\uFEFF/, "");
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: we cannot tell what it carries, so it counts as carrying a token. Read as a form, its secret fields
    // are still redacted.
    sent.carriesSingleUseToken = true;
    const form = new URLSearchParams(body);
    for (const name of secretFields.body) sent.secrets.push(...form.getAll(name));
    return sent;
  }
  // Every object in the body, at any depth, without recursion (a body may nest deeper than the stack).
  const pending: unknown[] = [parsed];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    for (const [key, item] of Object.entries(value)) {
      if (secretFields.body.includes(key) && (typeof item === "string" || typeof item === "number"))
        sent.secrets.push(String(item));
      if (singleUseFields.body.includes(key)) sent.carriesSingleUseToken = true;
      pending.push(item);
    }
  }
  return sent;
}
