// What changed in the API surface between two bundled documents, for a consumer of the generated types.
// api-smart-diff finds and describes the changes (it follows $refs, so a schema change is reported at each
// operation that uses it); its classification is about wire compatibility, so it is re-read here for code compiled
// against the types: what a response's type loses breaks that code, examples and extensions are documentation
// (but for x-error-codes, which are guards), and anything the library could not classify counts as breaking.
import { apiCompare, type Diff } from "api-smart-diff";

export type ChangeKind = "breaking" | "non-breaking" | "documentation";

export interface ApiChange {
  kind: ChangeKind;
  /** `PATCH /api/owners/`, `schema Link` (a type exported by name), or `document`. */
  where: string;
  description: string;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export function compareDocuments(before: object, after: object): ApiChange[] {
  const diffs = withoutLibraryNoise(() => apiCompare(before, after).diffs);
  return diffs.flatMap((diff) => {
    const where = locate(diff.path);
    return where === undefined ? [] : [{ kind: kindFor(diff), where, description: describe(diff) }];
  });
}

function locate(path: Diff["path"]): string | undefined {
  const [section, first, second] = path.map(String);
  if (section === "paths" && first !== undefined) {
    return second && HTTP_METHODS.has(second) ? `${second.toUpperCase()} ${first}` : `path ${first}`;
  }
  // A component change shows up again at every operation that uses it, but for two kinds: a whole schema added or
  // removed (/types exports every schema under its name), and a named example (compared only where it is defined).
  if (section === "components") {
    if (first === "examples" && second !== undefined) return `example ${second}`;
    return path.length === 3 && first === "schemas" ? `schema ${second}` : undefined;
  }
  return "document";
}

function kindFor(diff: Diff): ChangeKind {
  const path = diff.path.map(String);
  const [last = "", parent = ""] = [path.at(-1), path.at(-2)];
  if (diff.type === "annotation" || path.includes("examples") || last === "example") return "documentation";
  // A documented code is a generated guard: one added is a new export, one removed is an export gone.
  if (path.includes("x-error-codes")) return diff.action === "add" ? "non-breaking" : "breaking";
  if (path.some((key) => key.startsWith("x-"))) return "documentation";
  // The document's own metadata (info, tags) types nothing; a server removed is an environment gone.
  if (path[0] === "servers") return diff.action === "add" ? "non-breaking" : "breaking";
  if (path[0] !== "paths" && path[0] !== "components" && path[0] !== "security") return "documentation";
  if (path[0] === "components") return diff.action === "remove" ? "breaking" : "non-breaking";
  if (path.includes("responses") && path.includes("schema")) return responseSchemaKind(diff.action, last, parent);
  if (diff.type === "unclassified") return "breaking"; // the library could not tell: assume the worst
  return diff.type === "breaking" ? "breaking" : "non-breaking";
}

/**
 * A response body's schema, as code compiled against its type sees it: a property, a required mark, a type or an
 * enum value taken away breaks that code; anything added, and validators (patterns, lengths, formats) that the
 * types do not carry, do not.
 */
function responseSchemaKind(action: Diff["action"], last: string, parent: string): ChangeKind {
  const shapesTheType = parent === "properties" || parent === "required" || parent === "enum" || last === "type";
  return shapesTheType && action !== "add" ? "breaking" : "non-breaking";
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
      ? "  → breaking for code compiled against the types: the next release needs a new major version"
      : additive
        ? "  → additions only: a new minor version"
        : "  → documentation only: a new patch version",
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
  if (changes.length === 0)
    return `${heading}

No changes.`;
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
