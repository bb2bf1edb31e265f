// The lint itself, in plain JavaScript: a worker thread runs it without tsx (whose loader hooks made loading
// Redocly take 0.5 s instead of 0.2 s), and lint.ts runs it in process for the watcher, `npm run lint:spec`,
// spec:adopt and the tests that generate in their own process.
import path from "node:path";
import { getLineColLocation, getTotals, lint, loadConfig } from "@redocly/openapi-core";

/**
 * Lints `specEntry` with `<root>/redocly.yaml`; warnings fail it as errors do.
 * @param {string} root
 * @param {string} specEntry
 * @returns {Promise<{ ok: boolean, report: string }>}
 */
export async function lintSpecFile(root, specEntry) {
  const problems = onceEachParseError(await lintProblems(root, specEntry));
  const lines = problems.map((problem) => {
    const location = problem.location[0];
    const where = location
      ? `${path.relative(root, location.source.absoluteRef)}:${lineCol(getLineColLocation(location).start)}`
      : path.relative(root, specEntry);
    return `${where} ${problem.severity} ${problem.ruleId}: ${problem.message}`;
  });
  const { errors, warnings } = getTotals(problems);
  const verdict =
    errors + warnings === 0
      ? "Your API description is valid."
      : `${errors} error${errors === 1 ? "" : "s"} and ${warnings} warning${warnings === 1 ? "" : "s"}.`;
  return { ok: errors + warnings === 0, report: [...lines, verdict].join("\n") };
}

/**
 * Redocly's findings on `specEntry` with `<root>/redocly.yaml`, as its objects (rule, message, where).
 * @param {string} root
 * @param {string} specEntry
 */
export function lintProblems(root, specEntry) {
  const run = linting.then(async () => {
    const config = await loadConfig({ configPath: path.join(root, "redocly.yaml") });
    return lint({ ref: specEntry, config });
  });
  linting = run.catch(() => {});
  return run;
}

/**
 * The lint running in this thread, if any: the next waits for it. Redocly validates examples with one Ajv per module
 * instance (a worker thread has its own), which resolves $refs through the lint that made it, so two lints at once
 * (two project copies, in one test process) read each other's files.
 * @type {Promise<unknown>}
 */
let linting = Promise.resolve();

const PARSE_FAILED = "Failed to parse: ";
const UNRESOLVED = "Can't resolve $ref: ";

/**
 * Redocly's no-unresolved-refs reports a file that does not parse twice for every $ref to it: "Failed to parse" at
 * the YAML error, and "Can't resolve $ref" (with the same YAML message) at the $ref. The first says where to fix it;
 * the rest repeat it, so each parse error is kept once.
 * @template {{ message: string }} P
 * @param {P[]} problems
 * @returns {P[]}
 */
function onceEachParseError(problems) {
  const parseErrors = new Set(
    problems
      .filter(({ message }) => message.startsWith(PARSE_FAILED))
      .map(({ message }) => message.slice(PARSE_FAILED.length)),
  );
  const listed = new Set();
  return problems.filter(({ message }) => {
    if (message.startsWith(UNRESOLVED)) return !parseErrors.has(message.slice(UNRESOLVED.length));
    if (!message.startsWith(PARSE_FAILED)) return true;
    if (listed.has(message)) return false;
    listed.add(message);
    return true;
  });
}

/** @param {{ line: number, col: number }} position */
function lineCol({ line, col }) {
  return `${line}:${col}`;
}
