// What changed in the API surface between two bundled documents, for a consumer of the generated types. The changes
// are those of the operations' facts, as spec:upstream reads them (scripts/upstream/shapes.ts: every `$ref` followed,
// 3.0's `nullable` read as 3.1's type arrays, a union's branches matched by name or likeness, each error response's
// `x-error-codes`), so a change inside a shared schema is reported at each operation that reaches it; and, beside
// them (outside-facts.ts), prose, keywords the facts do not read, the document's own parts, schemas and examples.
// Each is classified for code compiled against the types: what a response's type loses breaks that code, and so
// does a response type that admits a new kind of value; what a request's type loses or newly requires breaks it;
// validators the types do not carry do not; a documented error code added is a new guard, one removed a guard
// gone; prose, examples and extensions are documentation; anything else counts as breaking.
import { differences, flatten, type Difference, type Flat } from "../upstream/compare.js";
import { documentShapes } from "../upstream/shapes.js";
import { changesOutsideFacts } from "./outside-facts.js";
import { shortJson } from "./short-json.js";

export type ChangeKind = "breaking" | "non-breaking" | "documentation";

export interface ApiChange {
  kind: ChangeKind;
  /** `PATCH /api/owners/`, `schema Link` (a type exported by name), `example LinkValid`, or `document`. */
  where: string;
  description: string;
}

/** Our documents list an error response's codes in `x-error-codes`: the facts read them from there. */
const OURS = { fileOf: () => "" };

export function compareDocuments(beforeDocument: object, afterDocument: object): ApiChange[] {
  const [before, after] = [beforeDocument, afterDocument] as Array<Record<string, any>>;
  const was = flatten(documentShapes(before!, { ours: OURS }));
  const is = flatten(documentShapes(after!, { ours: OURS }), [was]);
  const facts = atPlaces(differences(was, is).flatMap((difference) => factChanges(difference, was, is)));
  const rank = ({ where }: ApiChange) => (where === "document" ? 0 : /^(schema|example) /.test(where) ? 2 : 1);
  return [...facts, ...changesOutsideFacts(before!, after!)].sort((a, b) => rank(a) - rank(b));
}

/** A change of a fact; `section` (`response 200`) when it is inside a schema, to list the places it is in. */
interface FactChange extends ApiChange {
  section?: string;
}

function factChanges({ key, fact, before, after }: Difference, was: Flat, is: Flat): FactChange[] {
  const flat = is.has(key) ? is : was;
  const node = flat.get(key)!;
  const where = node.operation;
  const change = (kind: ChangeKind, description: string): FactChange => ({ kind, where, description, section });
  const [part, inside] = splitAt(key.slice(where.length + 1), "/");
  const section = inside === undefined ? undefined : partName(flat.get(`${where}|${part}`)?.where ?? part);
  const inResponse = part.startsWith("response ");
  // What a reader of a response loses, or a writer of a request must now do, breaks their code.
  const taken = (away: boolean): ChangeKind => (inResponse === away ? "breaking" : "non-breaking");

  if (key === where) {
    if (fact === "added") return [change("non-breaking", "[Added] operation")];
    if (fact === "removed") return [change("breaking", "[Removed] operation")];
    return [change("non-breaking", `[${after ? "Added" : "Removed"}] deprecated of the operation`)];
  }
  const facts = (value: unknown) => (value ?? {}) as Record<string, unknown>;
  if (fact === "added" || fact === "removed") {
    const what = section === undefined ? partName(node.where) : nodeName(key, node.parent!, node.name, flat);
    if (fact === "removed") return [change("breaking", `[Removed] ${what}`)];
    // A branch of a union, or a success status, added to a response widens what its reader's type admits.
    const widens = inResponse && (key.endsWith(">") || (section === undefined && /^response 2/.test(part)));
    const required = !inResponse && facts(after).required === true;
    return [change(widens || required ? "breaking" : "non-breaking", `[Added] ${what}`)];
  }
  const subject = section === undefined ? partName(node.where) : `\`${subjectOf(key, flat)}\``;
  const values = (list: unknown) => (Array.isArray(list) ? (list as unknown[]) : []);
  let gained = values(after).filter((value) => !values(before).some((old) => same(old, value)));
  let lost = values(before).filter((value) => !values(after).some((now) => same(now, value)));
  switch (fact) {
    case "type": {
      const [from, to] = [before as string[] | undefined, after as string[] | undefined];
      const widened = from !== undefined && (to === undefined || to.some((type) => !from.includes(type)));
      const narrowed = to !== undefined && (from === undefined || from.some((type) => !to.includes(type)));
      const kind = (inResponse ? widened : narrowed) ? "breaking" : "non-breaking";
      return [change(kind, `[Replaced] type of ${subject}: ${typeText(from)} → ${typeText(to)}`)];
    }
    case "enum":
      if (before === undefined) return [change(taken(false), `[Added] enum of ${subject}: ${shortJson(after)}`)];
      if (after === undefined) return [change(taken(true), `[Removed] enum of ${subject}: ${shortJson(before)}`)];
      return [
        ...lost.map((value) => change("breaking", `[Removed] enum value ${shortJson(value)} of ${subject}`)),
        // A value gained widens a response's type (a reader's exhaustive switch), and is one more a request may send.
        ...gained.map((value) => change(taken(true), `[Added] enum value ${shortJson(value)} of ${subject}`)),
      ];
    case "required": {
      if (section === undefined)
        return [change(taken(!after), `[Replaced] required of ${subject}: ${before} → ${after}`)];
      const [parent, name] = [subjectOf(node.parent!, flat), key.slice(node.parent!.length + 1)];
      return [change(taken(!after), `[${after ? "Added" : "Removed"}] required \`${name}\` of \`${parent}\``)];
    }
    case "requiredWithoutProperty": {
      // A property removed but still listed as required is reported as the property removed (and so when added).
      const property = (name: unknown) => was.has(`${key}.${name}`) || is.has(`${key}.${name}`);
      [gained, lost] = [gained.filter((name) => !property(name)), lost.filter((name) => !property(name))];
      return [
        ...gained.map((name) => change(taken(false), `[Added] required \`${name}\` of ${subject}`)),
        ...lost.map((name) => change(taken(true), `[Removed] required \`${name}\` of ${subject}`)),
      ];
    }
    case "codes": // a documented code is a generated guard: one added is a new export, one removed is an export gone
    case "media":
      return [
        ...gained.map((value) => change("non-breaking", `[Added] ${noun(fact, value)} of ${subject}`)),
        ...lost.map((value) => change("breaking", `[Removed] ${noun(fact, value)} of ${subject}`)),
      ];
  }
  const verb = before === undefined ? "Added" : after === undefined ? "Removed" : "Replaced";
  const text = verb === "Replaced" ? `${shortJson(before)} → ${shortJson(after)}` : shortJson(before ?? after);
  // Validators (lengths, patterns, formats, limits, defaults) and deprecations, which no type carries, break no code
  // reading a response; in a request, one added or changed may refuse a value the client's input checks took before.
  // A `const` is a literal type; a `password` format is what the client redacts. Any other fact that shapes a type
  // (readOnly, additionalProperties, …) is not classified: assume the worst.
  const shapesType = ["readOnly", "writeOnly", "additionalProperties", "cycle", "const"].includes(fact);
  const secret = fact === "format" && (before === "password" || after === "password");
  const tightens = !inResponse && fact !== "deprecated" && after !== undefined;
  const kind = shapesType || secret || tightens ? "breaking" : "non-breaking";
  return [change(kind, `[${verb}] ${fact} of ${subject}: ${text}`)];
}

/** `documented error code \`blank\``, `media type \`text/csv\`` */
function noun(fact: "codes" | "media", value: unknown): string {
  return `${fact === "codes" ? "documented error code" : "media type"} \`${String(value)}\``;
}

/** `response 200` → `Response 200`, `request body` → `Request Body`, `query page` → `parameter query page`. */
function partName(label: string): string {
  if (label.startsWith("response ")) return `Response ${label.slice(9)}`;
  return label === "request body" ? "Request Body" : `parameter ${label}`;
}

/** A schema node added or removed: `property \`email\` of \`OwnerStandard\``, `branch \`OwnerBusiness\` of …`. */
function nodeName(key: string, parent: string, name: string | undefined, flat: Flat): string {
  const step = key.slice(parent.length);
  if (step === "/") return "body schema";
  const of = `of \`${subjectOf(parent, flat)}\``;
  if (step.startsWith("<")) return `branch \`${name ?? step.slice(1, -1).replace(/^\+/, "")}\` ${of}`;
  if (step === "[]") return `items ${of}`;
  if (step === ".*") return `additional properties ${of}`;
  return `property \`${step.slice(1)}\` ${of}`;
}

/** A schema node as its component and the path inside it: `OwnerEmails.email`, `Link.external_id`. */
function subjectOf(key: string, flat: Flat): string {
  // The part's own key (`PATCH /api/owners/|query omit/`) ends at the first "/" after the "|".
  const root = key.slice(0, key.indexOf("/", key.indexOf("|")) + 1);
  for (let at: string | undefined = key; at?.startsWith(root); at = flat.get(at)?.parent) {
    const name = flat.get(at)?.name;
    if (name) return name + key.slice(at.length);
  }
  // No named schema above it: the part's own label (`query omit`, `response 400[]`).
  const rest = key.slice(root.length);
  return `${flat.get(root.slice(0, -1))?.where ?? "schema"}${rest}`;
}

/** `["null","string"]` → `string | null`; no type, `any`. */
function typeText(types: string[] | undefined): string {
  if (types === undefined) return "any";
  return [...types.filter((type) => type !== "null"), ...types.filter((type) => type === "null")].join(" | ");
}

/** One change per operation for the same change in several places: `… in request body, responses 200, 201`. */
function atPlaces(changes: FactChange[]): ApiChange[] {
  const merged = new Map<string, { change: ApiChange; places: string[] }>();
  for (const { section, ...change } of changes) {
    const id = JSON.stringify(change);
    const seen = merged.get(id);
    if (seen && section) seen.places.push(section);
    else merged.set(seen ? `${id}#${merged.size}` : id, { change, places: section ? [section] : [] });
  }
  return [...merged.values()].map(({ change, places }) =>
    places.length ? { ...change, description: `${change.description} in ${listPlaces(places)}` } : change,
  );
}

/** `Request Body, Responses 400, 401` */
function listPlaces(places: string[]): string {
  const statuses = [...new Set(places.filter((place) => place.startsWith("Response ")))].map((place) => place.slice(9));
  const others = [...new Set(places.filter((place) => !place.startsWith("Response ")))];
  if (statuses.length) others.push(`${statuses.length === 1 ? "Response" : "Responses"} ${statuses.join(", ")}`);
  return others.join(", ");
}

function splitAt(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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
