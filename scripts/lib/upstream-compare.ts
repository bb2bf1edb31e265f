// The three-way comparison of `npm run spec:upstream`: what Belvo changed between the document the spec follows
// (base) and a new one (theirs), and for each change whether our spec (ours) has it, explains why not, or must be
// edited; and every standing difference between ours and theirs that no `x-deviation` explains.
import type { DocumentShapes, Part, Shape } from "./upstream-shapes.js";

/** One node of an operation, flattened: its comparable facts, and where it sits. */
interface Fact {
  operation: string;
  /** Readable place: `response 200: OwnerEmails.email`. */
  where: string;
  parent: string | undefined;
  facts: Record<string, unknown>;
  /** Ours only. */
  file?: string;
  deviation?: string;
  /** A union's branches: their keys, names, top-level properties and codes, to match another document's. */
  branches?: Branch[];
}

type Flat = Map<string, Fact>;

interface Branch {
  key: string;
  name: string | undefined;
  properties: string[];
  codes: string[];
}

export type SpecState = "agrees" | "deviates" | "todo";

export interface UpstreamChange {
  operation: string;
  where: string;
  /** Which fact changed (`type`, `enum`, `maxLength`, `required`, `codes`, …), or `added`/`removed` for a node. */
  fact: string;
  before: unknown;
  after: unknown;
  spec: SpecState;
  /** The spec file to read (todo: to edit). */
  file: string | undefined;
  /** deviates: the note that explains it, and where it is. */
  deviation?: { where: string; note: string };
}

export interface StandingDifference {
  operation: string;
  where: string;
  fact: string;
  ours: unknown;
  theirs: unknown;
  file: string | undefined;
}

export interface UpstreamComparison {
  changes: UpstreamChange[];
  unexplained: StandingDifference[];
}

export function compareUpstream(
  base: DocumentShapes,
  theirs: DocumentShapes,
  ours: DocumentShapes,
): UpstreamComparison {
  const oursFlat = flatten(ours);
  const baseFlat = flatten(base, [oursFlat]);
  const theirsFlat = flatten(theirs, [oursFlat, baseFlat]);
  const changes = differences(baseFlat, theirsFlat).map(({ key, fact, before, after }) => {
    const mine = oursFlat.get(key);
    const has =
      fact === "added" ? mine !== undefined : fact === "removed" ? mine === undefined : same(mine?.facts[fact], after);
    const explanation = has ? undefined : explainedBy(key, oursFlat, theirsFlat, baseFlat);
    const spec: SpecState = has ? "agrees" : explanation ? "deviates" : "todo";
    const where = (mine ?? theirsFlat.get(key) ?? baseFlat.get(key))!;
    return {
      operation: where.operation,
      where: where.where,
      fact,
      before,
      after,
      spec,
      file: fileFor(key, oursFlat, theirsFlat, baseFlat),
      ...(explanation ? { deviation: explanation } : {}),
    };
  });
  const todo = new Set(changes.filter((c) => c.spec === "todo").map((c) => `${c.operation}|${c.where}|${c.fact}`));
  const unexplained = differences(oursFlat, theirsFlat)
    .filter(({ key }) => !explainedBy(key, oursFlat, theirsFlat))
    .map(({ key, fact, before, after }) => {
      const where = (oursFlat.get(key) ?? theirsFlat.get(key))!;
      return {
        operation: where.operation,
        where: where.where,
        fact,
        ours: before,
        theirs: after,
        file: fileFor(key, oursFlat, theirsFlat),
      };
    })
    .filter((difference) => !todo.has(`${difference.operation}|${difference.where}|${difference.fact}`));
  return { changes, unexplained };
}

/** Per node present in both, each fact that differs; a node in one only, once, at its top. */
function differences(from: Flat, to: Flat): Array<{ key: string; fact: string; before: unknown; after: unknown }> {
  const found: Array<{ key: string; fact: string; before: unknown; after: unknown }> = [];
  for (const key of new Set([...from.keys(), ...to.keys()])) {
    const a = from.get(key);
    const b = to.get(key);
    if (a && b) {
      for (const fact of new Set([...Object.keys(a.facts), ...Object.keys(b.facts)])) {
        if (!same(a.facts[fact], b.facts[fact])) found.push({ key, fact, before: a.facts[fact], after: b.facts[fact] });
      }
    } else if (b && (b.parent === undefined || from.has(b.parent))) {
      found.push({ key, fact: "added", before: undefined, after: b.facts });
    } else if (a && (a.parent === undefined || to.has(a.parent))) {
      found.push({ key, fact: "removed", before: a.facts, after: undefined });
    }
  }
  return found;
}

/** The `x-deviation` of ours on the node or the nearest node above it, found by walking up the key's parents. */
function explainedBy(key: string, ours: Flat, ...others: Flat[]): { where: string; note: string } | undefined {
  for (let at: string | undefined = key; at !== undefined;) {
    const mine = ours.get(at);
    if (mine?.deviation) return { where: mine.where, note: mine.deviation };
    at = (mine ?? others.map((flat) => flat.get(at!)).find(Boolean))?.parent;
  }
  return undefined;
}

/** The spec file of the nearest node of ours at or above the key. */
function fileFor(key: string, ours: Flat, ...others: Flat[]): string | undefined {
  for (let at: string | undefined = key; at !== undefined;) {
    const mine = ours.get(at);
    if (mine?.file) return mine.file;
    at = (mine ?? others.map((flat) => flat.get(at!)).find(Boolean))?.parent;
  }
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every node of every operation under a structural key (`PUT /api/links/{id}/|response 200|.status`), so that
 * component names and the split of schemas do not count. A union's branches are matched to ours' (the same
 * component name, or else the most properties in common), so a renamed branch is still the same branch.
 */
function flatten(shapes: DocumentShapes, anchors: Flat[] = []): Flat {
  const flat: Flat = new Map();
  for (const [operation, { parts, file, deviation }] of Object.entries(shapes)) {
    const root = operation;
    flat.set(root, { operation, where: operation, parent: undefined, facts: {}, file, deviation });
    for (const [name, part] of Object.entries(parts)) {
      const key = `${root}|${name}`;
      flat.set(key, {
        operation,
        where: name,
        parent: root,
        facts: partFacts(part),
        file: part.file,
        deviation: part.deviation,
      });
      if (part.schema) addShape(flat, anchors, operation, key, `${name}:`, part.schema, key, undefined);
    }
  }
  return flat;
}

function partFacts(part: Part): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (part.required !== undefined) facts.required = part.required;
  if (part.deprecated) facts.deprecated = true;
  if (part.codes) facts.codes = part.codes;
  return facts;
}

const LOCAL_FACTS = [
  "type",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "enum",
  "deprecated",
  "cycle",
  "codes",
] as const;

/**
 * Adds a schema node and its children. A node under a part shares the part's key when it is the part's own schema
 * (`response 200` is both the response and its body), so that its facts sit beside the part's.
 */
function addShape(
  flat: Flat,
  anchors: Flat[],
  operation: string,
  key: string,
  label: string,
  shape: Shape,
  parent: string,
  requiredInParent: boolean | undefined,
): void {
  const where = shape.name ? `${label.split(":")[0]}: ${shape.name}` : label;
  const facts: Record<string, unknown> = {};
  for (const fact of LOCAL_FACTS) if (shape[fact] !== undefined) facts[fact] = shape[fact];
  if (requiredInParent !== undefined) facts.required = requiredInParent;
  const existing = flat.get(key);
  const entry: Fact = existing
    ? { ...existing, facts: { ...existing.facts, ...facts } }
    : { operation, where: where.replace(/:$/, ""), parent, facts };
  if (shape.file && !existing?.file) entry.file = shape.file;
  if (shape.deviation) entry.deviation = shape.deviation;
  flat.set(key, entry);

  const nested = (suffix: string, text: string) => [`${key}${suffix}`, `${where}${text}`] as const;
  for (const [name, property] of Object.entries(shape.properties ?? {})) {
    const [childKey, childLabel] = nested(`.${name}`, where.endsWith(":") ? ` ${name}` : `.${name}`);
    addShape(flat, anchors, operation, childKey, childLabel, property, key, shape.required?.includes(name) ?? false);
  }
  if (shape.items) {
    const [childKey, childLabel] = nested("[]", "[]");
    addShape(flat, anchors, operation, childKey, childLabel, shape.items, key, undefined);
  }
  if (shape.union) {
    const own = shape.union.map((branch, i) => ({
      key: branch.name ?? `#${i + 1}`,
      name: branch.name,
      properties: Object.keys(branch.properties ?? {}).sort(),
      codes: branch.codes ?? [],
    }));
    const anchor = anchors.map((flat) => flat.get(key)?.branches).find(Boolean);
    const keys = anchor ? matchBranches(own, anchor) : own.map((branch) => branch.key);
    entry.branches = own.map((branch, i) => ({ ...branch, key: keys[i]! }));
    shape.union.forEach((branch, i) => {
      const [childKey, childLabel] = nested(`<${keys[i]}>`, ` ${branch.name ?? `(${keys[i]})`}`);
      addShape(flat, anchors, operation, childKey, childLabel, branch, key, undefined);
    });
  }
}

/**
 * Keys for a union's branches, from the document it is anchored on (ours, or else the recorded one): a branch takes
 * the key of the anchor's branch with the same name, or else of the one most like it (the same error codes, or at
 * least half of their properties in common); a branch the anchor has nothing like keeps a key of its own.
 */
function matchBranches(branches: Branch[], anchor: Branch[]): string[] {
  const keys: Array<string | undefined> = branches.map(() => undefined);
  const taken = new Set<string>();
  const pairs = branches
    .flatMap((branch, i) => anchor.map((other) => ({ i, key: other.key, score: likeness(branch, other) })))
    .sort((x, y) => y.score - x.score);
  for (const { i, key, score } of pairs) {
    if (score < 0.5 || keys[i] !== undefined || taken.has(key)) continue;
    keys[i] = key;
    taken.add(key);
  }
  return keys.map((key, i) => key ?? `+${branches[i]!.key}`);
}

function likeness(a: Branch, b: Branch): number {
  if (a.name !== undefined && a.name === b.name) return 3;
  const codes = a.codes.length && b.codes.length ? jaccard(a.codes, b.codes) : 0;
  return codes > 0 ? 1 + codes : jaccard(a.properties, b.properties);
}

function jaccard(a: string[], b: string[]): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  return a.filter((name) => b.includes(name)).length / union.size;
}
