// Examples made from a schema by openapi-sampler, for the slots where Belvo's document gives none that lints: the
// document as the sampler should read it (Belvo's own plain examples where they meet their schema, strings that meet
// their pattern and length, unions started from another branch on each attempt).
import { fullFormats } from "ajv-formats/dist/formats.js";
import { sample } from "openapi-sampler";
import randexp from "randexp";
import { quotedPattern } from "./convert.js";

type Node = Record<string, any>;

// randexp is CommonJS: what Node imports is the class its types call `default`.
const RandExp = randexp as unknown as typeof randexp.default;

/**
 * A sampler over Belvo's document: `generate(schema, options)(attempt)` gives one value for that attempt. Odd attempts
 * leave out what is not required: a union's branch sampled whole may meet another branch too (one whose required
 * fields it has), where the same branch with its required fields alone does not.
 */
export function sampler(doc: Node) {
  const copies = new Map<number, Node>(); // the document as the sampler reads it, per rotation of its unions
  const copyFor = (rotation: number) =>
    copies.get(rotation) ?? copies.set(rotation, forSampling(doc, rotation)).get(rotation)!;
  return (schema: Node | undefined, options: Record<string, boolean> = {}) =>
    (attempt = 0) =>
      sample(
        forSampling(schema ?? {}, Math.floor(attempt / 2)) as never,
        { quiet: true, enablePatterns: true, ...options, skipNonRequired: attempt % 2 === 1 } as never,
        copyFor(Math.floor(attempt / 2)) as never,
      );
}

/**
 * Belvo's document as openapi-sampler should read it, for one attempt. The sampler takes a schema's `example` as it
 * is: one is kept only where it is a plain value that meets its own schema (type, enum, format, pattern, length,
 * range); objects and arrays are always sampled. A string the sampler would not get right (its regex reader knows
 * neither `\d` nor alternations, and a format wins over a pattern) gets the first of a few candidates that meets its
 * schema: the format's sample, the shortest and the longest strings randexp draws from the pattern, short strings.
 * Only what is sampled reads this copy: the spec keeps the schemas as they are, and the lint checks every sample.
 */
function forSampling<T>(document: T, attempt: number): T {
  let unions = 0;
  return JSON.parse(JSON.stringify(document), (_key, value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const { example, examples: _examples, ...node } = value as Node;
    // The sampler takes a union's first branch (whose sample may also meet another, which a oneOf refuses): each
    // attempt starts each union from another branch, by a step of its own, so nested unions meet in other pairs.
    for (const union of ["oneOf", "anyOf"]) {
      const branches = node[union];
      if (Array.isArray(branches) && branches.length > 1) {
        const start = (attempt * ++unions) % branches.length;
        node[union] = [...branches.slice(start), ...branches.slice(0, start)];
      }
    }
    if (example !== undefined && (typeof example !== "object" || example === null) && meets(example, node)) {
      node.example = example;
    }
    if (typeof node.pattern === "string") node.pattern = quotedPattern(node.pattern); // as convert.ts writes it
    const types = [node.type ?? []].flat();
    if (types.includes("string") && node.example === undefined && node.enum === undefined) {
      const natural = sample(
        { ...node, nullable: undefined, type: "string" } as never,
        { enablePatterns: true } as never,
      );
      const candidates: unknown[] = [
        natural,
        node.format && sample({ type: "string", format: node.format } as never),
        ...(typeof node.pattern === "string" ? drawn(node.pattern, node.maxLength) : []),
        ...["0", "00", "A", "AA", "a", "", "string"],
      ];
      const fits = candidates
        .filter((candidate): candidate is string => typeof candidate === "string")
        .map((candidate) => candidate.slice(0, node.maxLength ?? candidate.length))
        .find((candidate) => meets(candidate, { ...node, type: "string" }));
      // No string meets it: null, where allowed.
      if (fits !== natural && fits !== undefined) node.example = fits;
      else if (fits === undefined && (node.nullable === true || types.includes("null"))) node.example = null;
    }
    // The sampler fills an array to its minItems with one sample, which a second item would repeat: distinct enum
    // values where the items have an enum, or else at most one item.
    if (node.uniqueItems === true && Array.isArray(node.items?.enum)) {
      const count = Math.max(node.minItems ?? 1, 1);
      if (node.items.enum.length >= count) node.example = node.items.enum.slice(0, count);
    } else if (node.uniqueItems === true && (node.minItems ?? 0) <= 1 && node.maxItems === undefined) node.maxItems = 1;
    return node;
  });
}

/** The shortest and the longest strings (at most `maxLength`, or 16) randexp draws from a pattern, deterministically. */
function drawn(pattern: string, maxLength: number | undefined): string[] {
  // A pattern whose shortest string is long (`(a{1000}){1000}`) would be drawn in full: not drawn at all.
  const bounds = [...pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)].flatMap((m) => [Number(m[1]), Number(m[2] || 0)]);
  if (pattern.length > 1000 || bounds.some((bound) => bound > 256)) return [];
  return [(low: number) => low, (_low: number, high: number) => high].map((pick) => {
    const draw = new RandExp(pattern);
    draw.max = Math.min(maxLength ?? 16, 16);
    draw.randInt = pick;
    return draw.gen();
  });
}

/** Whether a plain value meets a schema's own constraints (type, enum, format, pattern, length and range). */
function meets(value: unknown, schema: Node): boolean {
  const types = [schema.type ?? []].flat() as string[];
  const type = value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value;
  if (types.length && !types.includes(type) && !(type === "integer" && types.includes("number"))) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (typeof value === "string" || typeof value === "number") {
    const format =
      typeof schema.format === "string" ? (fullFormats as Record<string, unknown>)[schema.format] : undefined;
    const check = (format as { validate?: unknown } | undefined)?.validate ?? format;
    if (check instanceof RegExp ? !check.test(String(value)) : typeof check === "function" && !check(value))
      return false;
  }
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) return false;
    if (value.length < (schema.minLength ?? 0) || value.length > (schema.maxLength ?? Infinity)) return false;
  }
  if (typeof value === "number") {
    if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) return false;
  }
  return true;
}
