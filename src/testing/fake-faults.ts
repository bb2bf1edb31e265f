// What a fault may be, checked in one place for both ways one arrives: JSON posted to the control API (a 400) and
// `fake.injectFault()` from JavaScript (a thrown TypeError).
import { unknownKey, unknownKeyReason } from "../input/unknown-key.js";
import { MAX_TIMER_MS } from "../options.js";
import type { FakeFault } from "./fake-options.js";
import { canMatch } from "./fake-routes.js";

const FIELDS = ["status", "body", "headers", "delayMs", "drop", "times", "match"];

const isWhole = (value: unknown, min: number, max = Infinity) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === "string");
/** Headers a response can carry: each name a token, each value one line. */
const isHeaders = (value: unknown) =>
  isStringRecord(value) &&
  Object.entries(value).every(([name, text]) => /^[!#$%&'*+.^_`|~\w-]+$/.test(name) && !/[\r\n]/.test(text));

/** What is wrong with a fault, or undefined when the fake can play it. */
export function faultProblem(fault: unknown): string | undefined {
  if (typeof fault !== "object" || fault === null || Array.isArray(fault)) return "a fault must be a JSON object";
  const unknown = unknownKey(Object.keys(fault), FIELDS);
  if (unknown) return `"${unknown.key}" ${unknownKeyReason(unknown, "a fault field", "the fields")}`;
  const { status, headers, delayMs, drop, times, match } = fault as Record<string, unknown>;
  if (status !== undefined && !isWhole(status, 200, 599)) return '"status" must be an HTTP status (200–599)';
  if (headers !== undefined && !isHeaders(headers)) return '"headers" must map header names to one-line strings';
  if (delayMs !== undefined && !isWhole(delayMs, 0, MAX_TIMER_MS))
    return `"delayMs" must be a whole number of milliseconds, at most ${MAX_TIMER_MS} (what a timer holds)`;
  if (drop !== undefined && drop !== "before-response" && drop !== "mid-body")
    return '"drop" must be "before-response" or "mid-body"';
  if (times !== undefined && !isWhole(times, 1)) return '"times" must be a whole number, 1 or more';
  if (match !== undefined && (!isStringRecord(match) || Object.keys(match).some((key) => !/^(method|path)$/.test(key))))
    return '"match" must be { "method": …, "path": … }';
  if (match !== undefined && !canMatch(match.method, match.path))
    return '"match" can match no operation of the spec: give a method it defines and a path prefix of one of its paths, from the leading "/"';
  return undefined;
}

/** A fault from the control API's JSON, or what is wrong with it. */
export function parseFault(text: string): FakeFault | string {
  let fault: unknown;
  try {
    fault = JSON.parse(text);
  } catch {
    return "the body must be a JSON fault";
  }
  const problem = faultProblem(fault);
  if (problem) return problem;
  const { match } = fault as FakeFault;
  // The method in any case, as curl users type it. The path matches as a prefix of the path as sent.
  if (match?.method) return { ...(fault as FakeFault), match: { ...match, method: match.method.toUpperCase() } };
  return fault as FakeFault;
}
