// Belvo's document as facts only: its shapes, with no sentence of Belvo's prose (no description, summary or example),
// but the facts spec:upstream reads out of them: an error `code`'s example and the DevPortal anchors its description
// links to. What the record's hash is taken over, so a document and its facts-only copy are the same document; and
// what the committed test fixtures are (`npm run spec:facts`), so the tests need nothing beside the repository.

import { refPointer } from "../../src/openapi/ref.js";

type Node = Record<string, unknown>;

const PROSE = new Set(["description", "summary", "example", "examples", "x-code-samples", "x-codeSamples"]);
/** A DevPortal error anchor (`belvo-api-errors#400-session_expired`): a code, not a sentence. */
const ERROR_ANCHOR = /belvo-api-errors#\d{3}-[a-z][a-z0-9_]*/g;

/** A copy of `document` without prose; idempotent, so a facts-only copy gives itself back. */
export function factsOnly<T>(document: T): T {
  return strip(document, false) as T;
}

function strip(value: unknown, isErrorCode: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, false));
  if (typeof value !== "object" || value === null) return value;
  const copy: Node = {};
  for (const [key, item] of Object.entries(value as Node)) {
    if (PROSE.has(key)) {
      const kept = isErrorCode ? errorCodeFact(key, item) : undefined;
      if (kept !== undefined) copy[key] = kept;
      continue;
    }
    // A schema's `properties.code` is where Belvo names an error's code; components are keyed by name, and a name
    // such as `description` (one of Belvo's parameters) is not prose.
    const named = (key === "properties" || key === "components") && typeof item === "object" && item !== null;
    if (key === "components" && named) copy[key] = stripComponents(item as Node);
    else copy[key] = named ? stripProperties(item as Node) : strip(item, false);
  }
  return copy;
}

function stripComponents(components: Node): Node {
  const copy: Node = {};
  for (const [kind, byName] of Object.entries(components)) {
    if (PROSE.has(kind)) continue; // components.examples: Belvo's examples, all of them
    copy[kind] = Object.fromEntries(Object.entries(byName as Node).map(([name, item]) => [name, strip(item, false)]));
  }
  return copy;
}

function stripProperties(properties: Node): Node {
  const copy: Node = {};
  for (const [name, schema] of Object.entries(properties)) copy[name] = strip(schema, name === "code");
  return copy;
}

/** What an error code's example or description says as a fact: the code itself, or the anchors it links to. */
function errorCodeFact(key: string, value: unknown): unknown {
  if (key === "example") return typeof value === "string" ? value : undefined;
  if (key !== "description" || typeof value !== "string") return undefined;
  const anchors = value.match(ERROR_ANCHOR);
  return anchors ? anchors.join(" ") : undefined;
}

/**
 * The document with only the given operations (`METHOD /path`) and the components they reach: a cut, as Belvo's own
 * cut documents are, for a fixture that holds what the spec has and no more.
 */
export function cutTo<T extends { paths?: Node; components?: Node }>(document: T, operations: readonly string[]): T {
  const paths: Node = {};
  for (const operation of operations) {
    const [method, route] = operation.split(" ", 2) as [string, string];
    const item = (document.paths?.[route] ?? {}) as Node;
    const found = item[method.toLowerCase()];
    if (found === undefined) throw new Error(`the document has no ${operation}`);
    const kept = (paths[route] ??= { ...(item.parameters ? { parameters: item.parameters } : {}) }) as Node;
    kept[method.toLowerCase()] = found;
  }
  // Every component reached from the kept paths, following $refs through components too.
  const reached = new Set<string>();
  const pending: unknown[] = [paths];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    const ref = (value as Node).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/") && !reached.has(ref)) {
      reached.add(ref);
      const [, kind, name] = refPointer(ref);
      pending.push((document.components?.[kind!] as Node | undefined)?.[name!]);
    }
    pending.push(...Object.values(value as Node));
  }
  const components: Record<string, Node> = {};
  for (const ref of [...reached].sort()) {
    const [, kind, name] = refPointer(ref) as [string, string, string];
    (components[kind] ??= {})[name] = (document.components?.[kind] as Node)[name];
  }
  const { securitySchemes } = (document.components ?? {}) as Node;
  return { ...document, paths, components: { ...components, ...(securitySchemes ? { securitySchemes } : {}) } };
}
