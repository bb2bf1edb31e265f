// What changed in the API surface between two bundled documents, for a consumer of the generated types.
// api-smart-diff finds the changes and describes those it finds inside operations; its classification is about wire
// compatibility, so it is re-read here for code compiled against the types: what a response's type loses breaks
// that code, examples and extensions are documentation (but for x-error-codes, which are guards), and anything the
// library could not classify counts as breaking.
// A change inside a component schema is taken from the components section, where the library always reports it,
// and reported at each operation that reaches the schema: the library follows $refs into operations only in part
// (it reported none of the changes inside the owners' anyOf branches), so its copies inside operations are dropped.
import { apiCompare, type Diff } from "api-smart-diff";
import { withNullableAsType } from "../openapi/nullable.js";
import { insideSharedSchema, METHODS, schemaUses } from "./schema-references.js";
import { shortJson } from "./short-json.js";

export type ChangeKind = "breaking" | "non-breaking" | "documentation";

export interface ApiChange {
  kind: ChangeKind;
  /** `PATCH /api/owners/`, `schema Link` (a type exported by name), or `document`. */
  where: string;
  description: string;
}

export function compareDocuments(beforeDocument: object, afterDocument: object): ApiChange[] {
  const [before, after] = [beforeDocument, afterDocument].map(withNullableAsType) as [object, object];
  const diffs = withoutLibraryNoise(() => apiCompare(before, after).diffs);
  const uses = schemaUses([before, after]);
  return diffs.flatMap((diff) => {
    if (insideSharedSchema(diff.path, before, after)) return [];
    const schema = changedComponentSchema(diff.path);
    if (schema !== undefined) return changesAtUses(diff, schema, uses.get(schema));
    const where = locate(diff.path);
    return where === undefined ? [] : [{ kind: kindFor(diff), where, description: describe(diff) }];
  });
}

/** The schema a change inside `components.schemas` belongs to (not a whole schema added or removed). */
function changedComponentSchema(path: Diff["path"]): string | undefined {
  return path.length > 3 && path[0] === "components" && path[1] === "schemas" ? String(path[2]) : undefined;
}

/** A change inside a component schema, at each operation that reaches it (or at the schema, if none does). */
function changesAtUses(diff: Diff, schema: string, uses: Map<string, Set<string>> | undefined): ApiChange[] {
  const description = describeSchemaChange(diff, schema);
  if (!uses?.size) return [{ kind: kindFor(diff, false), where: `schema ${schema}`, description }];
  return [...uses].map(([where, places]) => {
    const inResponse = [...places].some((place) => place.startsWith("Response"));
    const elsewhere = [...places].some((place) => !place.startsWith("Response"));
    const kinds = [inResponse && kindFor(diff, true), elsewhere && kindFor(diff, false)].filter(
      (kind): kind is ChangeKind => kind !== false,
    );
    const kind = KIND_ORDER.find((candidate) => kinds.includes(candidate))!;
    return { kind, where, description: `${description} in ${listPlaces(places)}` };
  });
}

/** `Request Body, Responses 400, 401` */
function listPlaces(places: Set<string>): string {
  const statuses = [...places].filter((place) => place.startsWith("Response ")).map((place) => place.slice(9));
  const others = [...places].filter((place) => !place.startsWith("Response "));
  if (statuses.length) others.push(`${statuses.length === 1 ? "Response" : "Responses"} ${statuses.join(", ")}`);
  return others.join(", ");
}

const KIND_ORDER: ChangeKind[] = ["breaking", "non-breaking", "documentation"];

function describeSchemaChange(diff: Diff, schema: string): string {
  const path = diff.path.slice(3).map(String);
  const last = path.at(-1)!;
  const parent = path.at(-2);
  const action = { add: "Added", remove: "Removed", replace: "Replaced", rename: "Renamed" }[diff.action];
  const value = diff.action === "remove" ? diff.before : diff.after;
  const at = (segments: string[]) =>
    `\`${[schema, ...segments.filter((segment) => segment !== "properties")].join(".")}\``;
  if (parent === "properties") return `[${action}] property \`${last}\` of ${at(path.slice(0, -2))}`;
  if (parent === "required" || parent === "enum") {
    return `[${action}] ${parent} ${shortJson(value)} of ${at(path.slice(0, -2))}`;
  }
  const values = diff.action === "replace" ? `${shortJson(diff.before)} → ${shortJson(diff.after)}` : shortJson(value);
  return `[${action}] ${last} of ${at(path.slice(0, -1))}: ${values}`;
}

function locate(path: Diff["path"]): string | undefined {
  const [section, first, second] = path.map(String);
  if (section === "paths" && first !== undefined) {
    return second && METHODS.has(second) ? `${second.toUpperCase()} ${first}` : `path ${first}`;
  }
  // A component change shows up again at every operation that uses it, but for two kinds: a whole schema added or
  // removed (/types exports every schema under its name), and a named example (compared only where it is defined).
  if (section === "components") {
    if (first === "examples" && second !== undefined) return `example ${second}`;
    return path.length === 3 && first === "schemas" ? `schema ${second}` : undefined;
  }
  return "document";
}

function kindFor(
  diff: Diff,
  inResponseSchema = diff.path.includes("responses") && diff.path.includes("schema"),
): ChangeKind {
  const path = diff.path.map(String);
  const [last = "", parent = ""] = [path.at(-1), path.at(-2)];
  if (diff.type === "annotation" || path.includes("examples") || last === "example") return "documentation";
  // A documented code is a generated guard: one added is a new export, one removed is an export gone.
  if (path.includes("x-error-codes")) return diff.action === "add" ? "non-breaking" : "breaking";
  if (path.some((key) => key.startsWith("x-"))) return "documentation";
  // The document's own metadata (info, tags) types nothing; a server removed is an environment gone.
  if (path[0] === "servers") return diff.action === "add" ? "non-breaking" : "breaking";
  if (path[0] !== "paths" && path[0] !== "components" && path[0] !== "security") return "documentation";
  if (inResponseSchema) return responseSchemaKind(diff, last, parent);
  if (path[0] === "components" && path.length === 3) return diff.action === "remove" ? "breaking" : "non-breaking";
  if (diff.type === "unclassified") return "breaking"; // the library could not tell: assume the worst
  return diff.type === "breaking" ? "breaking" : "non-breaking";
}

/**
 * A response body's schema, as code compiled against its type sees it: a property, a required mark, a type or an
 * enum value taken away breaks that code, and so does a type that admits a new kind of value (`null` added); a
 * type narrowed, anything added, and validators (patterns, lengths, formats) that the types do not carry, do not.
 */
function responseSchemaKind(diff: Diff, last: string, parent: string): ChangeKind {
  if (last === "type" && diff.action === "replace") {
    const before = new Set([diff.before].flat());
    return [diff.after].flat().some((type) => !before.has(type)) ? "breaking" : "non-breaking";
  }
  const shapesTheType = parent === "properties" || parent === "required" || parent === "enum" || last === "type";
  return shapesTheType && diff.action !== "add" ? "breaking" : "non-breaking";
}

function describe(diff: Diff): string {
  const path = diff.path.map(String);
  const codes = path.indexOf("x-error-codes");
  if (codes > 0) {
    const value: unknown = diff.action === "remove" ? diff.before : diff.after;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    const what = `documented error code${list.length === 1 ? "" : "s"} \`${list.join("`, `")}\``;
    return `[${diff.action === "remove" ? "Removed" : "Added"}] ${what} of Response ${path[codes - 1]}`;
  }
  if (diff.description) return diff.description;
  return `[${diff.action}] ${path.slice(path[0] === "components" ? 2 : 0).join(".")}`;
}

// The library logs a line to console.error for nodes it cannot classify (they come back "unclassified").
function withoutLibraryNoise<T>(work: () => T): T {
  const error = console.error;
  console.error = () => {};
  try {
    return work();
  } finally {
    console.error = error;
  }
}

/** The report: breaking and non-breaking changes by place, documentation changes counted, and what it means. */
export function renderChangeReport(changes: ApiChange[]): string {
  const count = (kind: ChangeKind) => changes.filter((change) => change.kind === kind).length;
  const [breaking, additive, documentation] = [count("breaking"), count("non-breaking"), count("documentation")];
  if (changes.length === 0) return "API changes: none";
  const lines = [`API changes: ${breaking} breaking, ${additive} non-breaking, ${documentation} documentation`];
  const places = [...new Set(changes.map((change) => change.where))];
  for (const where of places) {
    const here = changes.filter((change) => change.where === where);
    const listed = here.filter((change) => change.kind !== "documentation");
    const docs = here.length - listed.length;
    lines.push(`  ${where}`);
    for (const change of listed) lines.push(`    ${change.kind.padEnd(12)} ${change.description}`);
    if (docs) lines.push(`    ${docs} documentation change${docs === 1 ? "" : "s"}`);
  }
  lines.push(
    breaking
      ? "  → breaking for code compiled against the types: a major release (a minor one while the version is 0.x)"
      : additive
        ? "  → additions only: a minor release (a patch while the version is 0.x)"
        : "  → documentation only: a patch release",
  );
  return lines.join("\n");
}

/**
 * The same changes as the API part of a CHANGELOG.md entry (Keep a Changelog): breaking and non-breaking changes
 * one bullet each, documentation counted by place. `versions` are the documents' `info.version`s (Belvo's).
 */
export function renderChangelogSection(changes: ApiChange[], versions: { before: string; after: string }): string {
  const heading =
    versions.before === versions.after
      ? `### API (spec/, Belvo ${versions.after})`
      : `### API (spec/, Belvo ${versions.before} → ${versions.after})`;
  if (changes.length === 0) return `${heading}\n\nNo changes.`;
  const sections = [heading];
  const bullets = (kind: ChangeKind) =>
    changes.filter((change) => change.kind === kind).map((change) => `- \`${change.where}\`: ${change.description}`);
  for (const [kind, title] of [
    ["breaking", "Breaking for code compiled against the types:"],
    ["non-breaking", "Non-breaking:"],
  ] as const) {
    const lines = bullets(kind);
    if (lines.length) sections.push(title, lines.join("\n"));
  }
  const documentation = changes.filter((change) => change.kind === "documentation");
  if (documentation.length) {
    const places = [...new Set(documentation.map((change) => `\`${change.where}\``))].join(", ");
    const count = `${documentation.length} change${documentation.length === 1 ? "" : "s"}`;
    sections.push(`Documentation: ${count} (descriptions, examples, extensions) in ${places}.`);
  }
  return sections.join("\n\n");
}
