// What two documents differ in beyond the facts of their operations (scripts/upstream/shapes.ts): the prose, examples
// and extensions of each operation (every `$ref` followed, so a shared schema's reworded description counts at each
// operation that reaches it), any keyword the facts do not read (`operationId`, `security`, a `discriminator`), the
// document's own parts (info, servers, security), the schemas exported by name, and the named examples.
import { followRef } from "../../src/openapi/ref.js";
import { operationsOf, parametersOf } from "../openapi/document.js";
import { CONSTRAINTS } from "../upstream/shapes.js";

type Json = Record<string, unknown>;
/** report.ts's ApiChange (which imports this module). */
type ApiChange = { kind: "breaking" | "non-breaking" | "documentation"; where: string; description: string };

/** Keys that document and type nothing (and every `x-` extension but `x-error-codes`). */
const PROSE = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "tags"]);
/** Keys the facts read: their changes are reported from the facts. */
const FACT_KEYS = new Set([
  ...["parameters", "requestBody", "responses", "deprecated", "name", "in", "required", "schema", "content"],
  ...["x-error-codes", "type", "nullable", "properties", "items", "allOf", "oneOf", "anyOf", "enum"],
  ...["additionalProperties", "readOnly", "writeOnly", ...CONSTRAINTS],
]);
/** Fact keys whose value is keyed by name (a property, a status, a media type, `<in> <name>`), not by keyword. */
const BY_NAME = new Set(["properties", "responses", "content", "parameters"]);

/** Extensions that change what the client does: which fields it never re-sends, which it redacts. Not prose. */
const BEHAVIOUR = new Set(["x-error-codes", "x-single-use", "x-secret"]);
const isProse = (key: string) => PROSE.has(key) || (key.startsWith("x-") && !BEHAVIOUR.has(key));

/** The changes outside the operations' facts, in the order: document, operations, schemas, examples. */
export function changesOutsideFacts(before: Json, after: Json): ApiChange[] {
  return [...documentChanges(before, after), ...operationChanges(before, after), ...componentChanges(before, after)];
}

/** The document's own parts: a server removed is an environment gone, one added another to choose; info and tags
 * are prose; any other part (security, its schemes) that differs but for prose is not classified: breaking. */
function documentChanges(before: Json, after: Json): ApiChange[] {
  const parts = (document: Json) => {
    const { paths: _, components, openapi: __, jsonSchemaDialect: ___, ...rest } = document;
    return { ...rest, securitySchemes: (components as Json | undefined)?.securitySchemes } as Json;
  };
  const [was, is] = [parts(before), parts(after)];
  const change = (kind: ApiChange["kind"], description: string): ApiChange => ({
    kind,
    where: "document",
    description,
  });
  return keys(was, is).flatMap((key) => {
    if (same(was[key], is[key])) return [];
    if (key !== "servers") {
      const prose = key === "info" || isProse(key) || same(withoutProse(was[key]), withoutProse(is[key]));
      return [change(prose ? "documentation" : "breaking", `[Changed] ${key}`)];
    }
    const urls = (servers: unknown) => ((servers ?? []) as Json[]).map((server) => server.url);
    const [from, to] = [urls(was.servers), urls(is.servers)];
    const added = to
      .filter((url) => !from.includes(url))
      .map((url) => change("non-breaking", `[Added] server \`${url}\``));
    const removed = from
      .filter((url) => !to.includes(url))
      .map((url) => change("breaking", `[Removed] server \`${url}\``));
    const moved = added.length + removed.length ? [] : [change("documentation", "[Changed] servers")];
    return [...added, ...removed, ...moved];
  });
}

/** Per operation in both documents: each place whose prose differs, and each keyword the facts do not read. */
function operationChanges(before: Json, after: Json): ApiChange[] {
  // An operation's parameters (the path item's too) by `<in> <name>`: one added or moved does not shift the others.
  const operations = (document: Json) =>
    new Map(
      operationsOf(document).map(({ path, method, pathItem, operation }) => {
        const parameters = parametersOf(document, pathItem, operation).map((p) => [`${p.in} ${p.name}`, p]);
        return [`${method.toUpperCase()} ${path}`, { ...operation, parameters: Object.fromEntries(parameters) }];
      }),
    );
  const [was, is] = [operations(before), operations(after)];
  const changes: ApiChange[] = [];
  for (const [where, operation] of is) {
    if (!was.has(where)) continue; // a new operation is one fact: added
    const walking: Walk = { documents: [before, after], prose: new Set(), unread: new Set() };
    walk(walking, [was.get(where), operation], "operation", new Set());
    for (const at of walking.unread) changes.push({ kind: "breaking", where, description: `[Changed] ${at}` });
    for (const at of walking.prose) changes.push({ kind: "documentation", where, description: `[Changed] ${at}` });
  }
  return changes;
}

interface Walk {
  documents: [Json, Json];
  /** Places whose prose differs; places whose keyword the facts do not read differs but for prose. */
  prose: Set<string>;
  unread: Set<string>;
}

/**
 * Walks two nodes side by side, their `$ref`s followed (a place is then named by its component, so a change is
 * counted once per operation however often the operation reaches it).
 */
function walk(walking: Walk, nodes: [unknown, unknown], at: string, ancestors: Set<string>, byName = false): void {
  const refs = nodes.map((node) => (isObject(node) && typeof node.$ref === "string" ? node.$ref : ""));
  if (refs.some(Boolean)) {
    if (ancestors.has(refs.join("|"))) return;
    ancestors = new Set([...ancestors, refs.join("|")]);
    at = (refs[1] || refs[0]!).replace("#/components/", "");
  }
  const [a, b] = nodes.map((node, i) => resolve(walking.documents[i]!, node));
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.forEach((item, i) => walk(walking, [item, b[i]], `${at}[${i}]`, ancestors));
  }
  if (!isObject(a) || !isObject(b)) return;
  for (const key of keys(a, b)) {
    const [x, y] = [a[key], b[key]];
    const place = `${at}.${key}`;
    if (byName) walk(walking, [x, y], place, ancestors);
    else if (isProse(key)) {
      if (!same(x, y)) walking.prose.add(place);
    } else if (FACT_KEYS.has(key)) walk(walking, [x, y], place, ancestors, BY_NAME.has(key));
    else if (!same(withoutProse(x), withoutProse(y))) walking.unread.add(place);
    else walk(walking, [x, y], place, ancestors);
  }
}

/** Schemas are exported by name (a schema added or removed is a type added or removed); examples are prose. */
function componentChanges(before: Json, after: Json): ApiChange[] {
  const section = (document: Json, kind: string) => ((document.components as Json | undefined)?.[kind] ?? {}) as Json;
  const changes: ApiChange[] = [];
  const [was, is] = [section(before, "schemas"), section(after, "schemas")];
  for (const name of keys(was, is)) {
    const where = `schema ${name}`;
    if (!(name in was)) changes.push({ kind: "non-breaking", where, description: `[Added] schema \`${name}\`` });
    if (!(name in is)) changes.push({ kind: "breaking", where, description: `[Removed] schema \`${name}\`` });
  }
  const [examplesBefore, examplesAfter] = [section(before, "examples"), section(after, "examples")];
  for (const name of keys(examplesBefore, examplesAfter)) {
    if (same(examplesBefore[name], examplesAfter[name])) continue;
    const verb = !(name in examplesBefore) ? "Added" : !(name in examplesAfter) ? "Removed" : "Changed";
    changes.push({ kind: "documentation", where: `example ${name}`, description: `[${verb}] example \`${name}\`` });
  }
  return changes;
}

/** A node's `$ref` followed, with the keys written beside the `$ref` (3.1 allows them) over the target's. */
function resolve(document: Json, node: unknown): unknown {
  if (!isObject(node) || typeof node.$ref !== "string") return node;
  const { $ref: _, ...beside } = node;
  const target = followRef(document, node).node as unknown;
  return isObject(target) ? { ...target, ...beside } : target;
}

/** A value without its prose, to tell a reworded node from a changed one. */
function withoutProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (isProse(k) ? [] : [[k, withoutProse(v)]])));
}

function keys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
