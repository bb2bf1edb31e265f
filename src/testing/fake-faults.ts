// What a fault may be, checked in one place for both ways one arrives: JSON posted to the control API (a 400) and
// `fake.injectFault()` from JavaScript (a thrown TypeError).
import { isPlainObject } from "../input/check-input.js";
import { fieldProblem, optional, type FieldCheck } from "../input/closed-fields.js";
import { MAX_TIMER_MS } from "../options.js";
import type { FakeFault } from "./fake-options.js";
import { canMatch } from "./fake-routes.js";

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

const isMatch = (value: unknown) =>
  isStringRecord(value) && Object.keys(value).every((key) => key === "method" || key === "path");

/** What each field of a fault must be. */
const FAULT_FIELDS: Record<keyof FakeFault, FieldCheck> = {
  status: [optional((value) => isWhole(value, 200, 599)), "must be an HTTP status (200–599)"],
  body: [() => true, ""],
  headers: [optional(isHeaders), "must map header names to one-line strings"],
  delayMs: [
    optional((value) => isWhole(value, 0, MAX_TIMER_MS)),
    `must be a whole number of milliseconds, at most ${MAX_TIMER_MS} (what a timer holds)`,
  ],
  drop: [
    optional((value) => value === "before-response" || value === "mid-body"),
    'must be "before-response" or "mid-body"',
  ],
  times: [optional((value) => isWhole(value, 1)), "must be a whole number, 1 or more"],
  match: [optional(isMatch), 'must be { "method": …, "path": … }'],
};

/** What is wrong with a fault, or undefined when the fake can play it. */
export function faultProblem(fault: unknown): string | undefined {
  // A plain object: the fake reads a fault's fields as properties, a prototype's included.
  if (!isPlainObject(fault)) return "a fault must be a JSON object";
  const problem = fieldProblem(fault, FAULT_FIELDS, "a fault field");
  if (problem) return `"${problem.key}" ${problem.reason}`;
  const { match } = fault as FakeFault;
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
  return faultProblem(fault) ?? playable(fault as FakeFault);
}

/** A checked fault as the fake plays it, from the control API or injectFault() alike: the method in any case. */
export function playable(fault: FakeFault): FakeFault {
  const { match } = fault;
  // The path matches as a prefix of the path as sent.
  if (match?.method) return { ...fault, match: { ...match, method: match.method.toUpperCase() } };
  return { ...fault };
}
