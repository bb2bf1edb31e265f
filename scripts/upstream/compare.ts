// The three-way comparison of `npm run spec:upstream`: what Belvo changed between the document the spec follows
// (base) and a new one (theirs), and for each change whether our spec (ours) has it, explains why not, or must be
// edited; and every standing difference between ours and theirs that no `x-deviation` explains.
import { CONSTRAINTS, type DocumentShapes, type Part, type Shape } from "./shapes.js";

/** One node of an operation, flattened: its comparable facts, and where it sits. */
export interface FlatNode {
  operation: string;
  /** Readable place: `response 200: OwnerIndividualOpenFinanceBrazil.emails[].email`. */
  where: string;
  parent: string | undefined;
  facts: Record<string, unknown>;
  /** The component the node is (labels only). */
  name?: string;
  /** Ours only. */
  file?: string;
  deviation?: string;
  /** A union's branches, to match another document's. */
  branches?: Branch[];
  /** An object node, described as a branch: what a union that replaces it is matched against. */
  self?: Branch;
}

interface Branch {
  key: string;
  name: string | undefined;
  properties: string[];
  codes: string[];
}

export type Flat = Map<string, FlatNode>;

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

/**
 * A change is `agrees` when ours has what theirs has. Otherwise it `deviates` when an `x-deviation` explains it: one on
 * the union whose branch came or went, or one on the changed node or above it where ours already differed from the
 * recorded document on that very fact. A note covers the differences that stood when the document was recorded: a
 * new difference on its node (the field removed, a new type) is `todo` until the spec follows it or the document is
 * accepted again with the note. Otherwise it is `todo`.
 */
export function compareUpstream(
  base: DocumentShapes,
  theirs: DocumentShapes,
  ours: DocumentShapes,
): UpstreamComparison {
  const oursFlat = flatten(ours);
  const baseFlat = flatten(base, [oursFlat]);
  const theirsFlat = flatten(theirs, [oursFlat, baseFlat]);
  const changes = differences(baseFlat, theirsFlat).map(({ key, fact, before, after }): UpstreamChange => {
    const mine = oursFlat.get(key);
    const has =
      fact === "added"
        ? mine !== undefined
        : fact === "removed"
          ? mine === undefined
          : !!mine && same(mine.facts[fact], after);
    const alreadyDiffered =
      fact === "added" || fact === "removed"
        ? (mine !== undefined) !== baseFlat.has(key)
        : !same(mine?.facts[fact], baseFlat.get(key)?.facts[fact]);
    const note = has ? undefined : explanation(key, oursFlat, theirsFlat, baseFlat);
    const node = (mine ?? theirsFlat.get(key) ?? baseFlat.get(key))!;
    // A union's branch added or removed is a change of the union: a note on the union (how the spec represents its
    // branches) explains it. Any other note explains only a fact that already differed from the recorded document.
    const onUnion = key.endsWith(">") && note?.on === node.parent;
    const explained = note && (onUnion || alreadyDiffered);
    return {
      operation: node.operation,
      where: node.where,
      fact,
      before,
      after,
      spec: has ? "agrees" : explained ? "deviates" : "todo",
      file: fileFor(key, oursFlat, theirsFlat, baseFlat),
      ...(explained ? { deviation: { where: note.where, note: note.note } } : {}),
    };
  });
  const todo = new Set(changes.filter((c) => c.spec === "todo").map((c) => `${c.operation}|${c.where}|${c.fact}`));
  const unexplained = differences(oursFlat, theirsFlat)
    .filter(({ key }) => !explanation(key, oursFlat, theirsFlat))
    .map(({ key, fact, before, after }): StandingDifference => {
      const node = (oursFlat.get(key) ?? theirsFlat.get(key))!;
      const file = fileFor(key, oursFlat, theirsFlat);
      return { operation: node.operation, where: node.where, fact, ours: before, theirs: after, file };
    })
    .filter((difference) => !todo.has(`${difference.operation}|${difference.where}|${difference.fact}`));
  return { changes: mergeStatuses(changes), unexplained: mergeStatuses(unexplained) };
}

/** A fact of a node that differs (`added` or `removed`: the node). */
export interface Difference {
  key: string;
  fact: string;
  before: unknown;
  after: unknown;
}

/** Per node present in both, each fact that differs; a node in one only, once, at its top. */
export function differences(from: Flat, to: Flat): Difference[] {
  const found: Difference[] = [];
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

/** The `x-deviation` of ours on the node or the nearest node above it (found by walking up the key's parents). */
function explanation(key: string, ours: Flat, ...others: Flat[]) {
  for (let at: string | undefined = key; at !== undefined;) {
    const mine = ours.get(at);
    if (mine?.deviation) return { on: at, where: mine.where, note: mine.deviation };
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

/** One entry for the same change in several responses of an operation (a 200 and a 201 share their body). */
function mergeStatuses<T extends { operation: string; where: string }>(entries: T[]): T[] {
  const merged = new Map<string, { entry: T; statuses: string[] }>();
  for (const entry of entries) {
    const match = /^response ([^\s:]+)(.*)$/.exec(entry.where);
    const { where: _where, ...rest } = entry;
    const id = JSON.stringify([match ? match[2] : entry.where, rest]).replace(/response [^\s:"]+/g, "response *");
    const seen = merged.get(id);
    if (seen && match) seen.statuses.push(match[1]!);
    else merged.set(id, { entry, statuses: match ? [match[1]!] : [] });
  }
  return [...merged.values()].map(({ entry, statuses }) =>
    statuses.length > 1
      ? { ...entry, where: entry.where.replace(/^response [^\s:]+/, `responses ${statuses.join(", ")}`) }
      : entry,
  );
}

/**
 * Every node of every operation under a structural key (`PUT /api/links/{id}/|response 200/.status`), so that
 * component names and the split of schemas do not count. A union's branches are matched to those of the first
 * anchor that has the union (ours, then the recorded document): the same component name, the same error codes, or
 * the most properties in common; so a renamed branch is still the same branch.
 */
export function flatten(shapes: DocumentShapes, anchors: Flat[] = []): Flat {
  const flat: Flat = new Map();
  for (const [operation, { parts, file, deviation, deprecated }] of Object.entries(shapes)) {
    const facts = deprecated ? { deprecated } : {};
    flat.set(operation, { operation, where: operation, parent: undefined, facts, file, deviation });
    for (const [section, part] of Object.entries(parts)) {
      const key = `${operation}|${section}`;
      const { file, deviation } = part;
      const where = part.label ?? section;
      flat.set(key, { operation, where, parent: operation, facts: partFacts(part), file, deviation });
      if (part.schema) {
        const label = part.schema.name ? `${where}: ${part.schema.name}` : `${where} body`;
        addShape(flat, anchors, { operation, section, key: `${key}/`, label, parent: key }, part.schema);
      }
    }
  }
  return flat;
}

function partFacts({ required, deprecated, codes, media }: Part): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ required, deprecated, codes, media }).filter(([, v]) => v !== undefined));
}

/** The facts of one schema node that are compared (its children are nodes of their own). */
const LOCAL_FACTS = ["type", ...CONSTRAINTS, "enum", "deprecated", "readOnly", "writeOnly", "cycle"] as const;

interface Place {
  operation: string;
  section: string;
  key: string;
  label: string;
  parent: string;
  requiredInParent?: boolean;
  /** This node is a union's branch standing in the place of a plain schema: its other branches are branches. */
  standsIn?: boolean;
}

function describeBranch(shape: Shape, key: string): Branch {
  return { key, name: shape.name, properties: Object.keys(shape.properties ?? {}).sort(), codes: shape.codes ?? [] };
}

function addShape(flat: Flat, anchors: Flat[], place: Place, shape: Shape): void {
  const { operation, section, key, label } = place;
  const facts: Record<string, unknown> = {};
  for (const fact of LOCAL_FACTS) if (shape[fact] !== undefined) facts[fact] = shape[fact];
  if (place.requiredInParent !== undefined) facts.required = place.requiredInParent;
  if (typeof shape.additionalProperties === "boolean") facts.additionalProperties = shape.additionalProperties;
  // Names listed as required without a property to go with them (Belvo's PUT body requires two such).
  const undefinedRequired = (shape.required ?? []).filter((name) => !shape.properties?.[name]);
  if (undefinedRequired.length) facts.requiredWithoutProperty = undefinedRequired;
  // A node from a component also names it (the file to open), unless its label starts with it.
  const named = shape.name && !label.includes(`: ${shape.name}`) ? ` (${shape.name})` : "";
  const node: FlatNode = {
    operation,
    where: label + named,
    parent: place.parent,
    facts,
    ...(shape.name ? { name: shape.name } : {}),
    file: shape.file,
    deviation: shape.deviation,
  };
  if (shape.properties) node.self = describeBranch(shape, "");
  flat.set(key, node);

  const child = (suffix: string, childLabel: string, childShape: Shape, requiredInParent?: boolean) =>
    addShape(
      flat,
      anchors,
      { operation, section, key: `${key}${suffix}`, label: childLabel, parent: key, requiredInParent },
      childShape,
    );
  for (const [name, property] of Object.entries(shape.properties ?? {})) {
    const childLabel = label.includes(": ") ? `${label}.${name}` : `${label}: ${name}`;
    child(`.${name}`, childLabel, property, shape.required?.includes(name) ?? false);
  }
  if (typeof shape.additionalProperties === "object") child(".*", `${label}.*`, shape.additionalProperties);
  if (shape.items) child("[]", `${label}[]`, shape.items);
  if (shape.union) {
    const own = shape.union.map((branch, i) => describeBranch(branch, branch.name ?? `#${i + 1}`));
    // Where the anchor has a plain schema (one error schema becoming several), the branch most like it takes its
    // place, so that its fields are not reported as removed; the others are branches added beside it.
    const plain = anchors.map((flat) => flat.get(key)).find(Boolean);
    if (plain?.self && !plain.branches && !place.standsIn) {
      const scored = own.map((branch, i) => ({ i, score: likeness(branch, plain.self!) }));
      const best = scored.sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= 0.5) {
        const rest = shape.union.filter((_, i) => i !== best.i);
        const standIn = { ...shape.union[best.i]!, union: rest.length ? rest : undefined };
        return addShape(flat, anchors, { ...place, standsIn: true }, standIn);
      }
    }
    const anchor = anchors.map((flat) => flat.get(key)?.branches).find(Boolean);
    const keys = anchor ? matchBranches(own, anchor) : own.map((branch) => branch.key);
    node.branches = own.map((branch, i) => ({ ...branch, key: keys[i]! }));
    // A branch is labelled by its own name, from the section: `response 200: OwnerStandard.email`.
    shape.union.forEach((branch, i) =>
      child(`<${keys[i]}>`, `${section}: ${branch.name ?? `${label} (${keys[i]})`}`, branch),
    );
  }
}

/**
 * Keys for a union's branches, from its anchor: a branch takes the key of the anchor's branch with the same name,
 * or else of the one most like it (the same error codes, or at least half of their properties in common); a branch
 * the anchor has nothing like keeps a key of its own.
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
