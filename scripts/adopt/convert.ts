// Belvo's OpenAPI 3.0 schemas written as this spec writes them (3.1): `nullable` becomes a type array (or a union
// with null), `$ref`s point at our component files, and none of Belvo's prose is kept (descriptions, summaries,
// titles, examples, vendor extensions). What stays are the facts spec:upstream compares, and the keywords a
// validator reads (uniqueItems, not…) as they are.

import { componentOf } from "../openapi/document.js";
import { schemaTypes } from "../openapi/nullable.js";

type Node = Record<string, any>;

/** Keys that are Belvo's words, or its renderer's, never a fact of the shape. */
const DROPPED = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "xml"]);
/** Keys whose value is a list or map of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs"]);
const SCHEMA_VALUES = new Set(["items", "additionalProperties", "not", "contains", "if", "then", "else"]);

/** Keywords that constrain values of one JSON type only. */
const TYPE_KEYWORDS: Record<string, string[]> = {
  string: ["pattern", "minLength", "maxLength"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  array: ["minItems", "maxItems", "uniqueItems"],
};

/** Where a `#/components/<kind>/<name>` reference of Belvo's document points in ours, seen from the file written. */
export type RefTarget = (kind: string, name: string) => string;

export function convertSchema(schema: unknown, refTo: RefTarget): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const node = schema as Node;
  // 3.0 ignores every sibling of a $ref: so does the copy.
  if (typeof node.$ref === "string") return { $ref: refTo(...componentOf(node.$ref)) };
  const copy: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith("x-") || key === "nullable") continue;
    if (SCHEMA_LISTS.has(key) && Array.isArray(value)) copy[key] = value.map((item) => convertSchema(item, refTo));
    else if (SCHEMA_MAPS.has(key) && typeof value === "object" && value !== null)
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, convertSchema(item, refTo)]));
    else if (SCHEMA_VALUES.has(key) && typeof value === "object" && value !== null)
      copy[key] = convertSchema(value, refTo);
    else if (key === "discriminator" && typeof value?.mapping === "object") {
      // The mapping names schemas by reference: ours, where the branches are written.
      const mapping = Object.fromEntries(
        Object.entries<string>(value.mapping).map(([tag, ref]) => [
          tag,
          ref.startsWith("#/components/") ? refTo(...componentOf(ref)) : ref,
        ]),
      );
      copy[key] = { ...structuredClone(value), mapping };
    } else if (hasRefKey(value)) {
      // A value (a default, an enum) a bundler would read as a reference, to any file: not a fact we can keep.
      throw new Error(`a schema's ${key} has a $ref key in its value, which a bundler would follow`);
    } else copy[key] = structuredClone(value);
  }
  // A pattern in typographic quotes (‘^\d{14}$’) asks for the quotes too: no answer has them.
  if (typeof copy.pattern === "string" && quotedPattern(copy.pattern) !== copy.pattern) {
    copy.pattern = quotedPattern(copy.pattern);
    copy["x-deviation"] =
      "Belvo's document wraps this pattern in typographic quotes (‘’), which would ask every value for them: " +
      "the pattern inside the quotes is kept (spec:adopt).";
  }
  // A name in `required` that the schema does not define (Belvo's typos) fails any lint; no value could have it.
  const undefinedRequired = Array.isArray(copy.required)
    ? copy.required.filter((name: string) => !Object.hasOwn(copy.properties ?? {}, name))
    : [];
  if (
    undefinedRequired.length &&
    !copy.allOf &&
    !copy.oneOf &&
    !copy.anyOf &&
    copy.additionalProperties === undefined
  ) {
    copy.required = copy.required.filter((name: string) => !undefinedRequired.includes(name));
    if (copy.required.length === 0) delete copy.required;
    copy["x-deviation"] =
      `Belvo's document requires ${undefinedRequired.map((name: string) => `\`${name}\``).join(", ")}, which this ` +
      "schema does not define: no answer could have it, so it is not required here (spec:adopt).";
  }
  // A keyword of one type on a schema of another (Belvo's `pattern` on a number) constrains nothing, and a strict
  // validator refuses the schema: dropped, with a note.
  const types = [copy.type ?? []].flat() as string[];
  const inert = types.length
    ? Object.entries(TYPE_KEYWORDS).flatMap(([type, keywords]) =>
        types.some((t) => t === type || (type === "number" && t === "integer"))
          ? []
          : keywords.filter((keyword) => copy[keyword] !== undefined),
      )
    : [];
  if (inert.length) {
    for (const keyword of inert) delete copy[keyword];
    copy["x-deviation"] = [
      copy["x-deviation"],
      `Belvo's document gives this ${types.join(" or ")} ${inert.map((k) => `\`${k}\``).join(", ")}, which ` +
        "applies to another type and constrains nothing: left out (spec:adopt).",
    ]
      .filter(Boolean)
      .join(" ");
  }
  // A union says the type itself: `type: object` beside it, with no properties of its own, made openapi-typescript
  // intersect Record<string, never> with the branches (every field never) and drop a nullable one's null.
  if ((copy.oneOf || copy.anyOf) && copy.type === "object" && copy.properties === undefined) delete copy.type;
  if (node.nullable !== true) return copy;
  // 3.0's nullable: null is one more type (and one more enum value); without a type, a union with null.
  if (copy.type === undefined) return { oneOf: [copy, { type: "null" }] };
  copy.type = schemaTypes({ type: copy.type, nullable: true });
  if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null];
  return copy;
}

/** Whether a value has a `$ref` key at any depth: a bundler would follow it (to any file, or a URL). */
export function hasRefKey(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && Object.hasOwn(value, "$ref")) return true;
  return Object.values(value).some(hasRefKey);
}

/** A pattern without the typographic quotes Belvo's document sometimes wraps it in. */
export function quotedPattern(pattern: string): string {
  return /^‘.*’$/su.test(pattern) ? pattern.slice(1, -1) : pattern;
}

/** A parameter as ours are written: its facts, its schema converted, and the example given. */
export function convertParameter(parameter: Node, refTo: RefTarget, example: unknown): Node {
  const kept: Node = { name: parameter.name, in: parameter.in };
  for (const key of ["required", "deprecated", "style", "explode", "allowReserved"]) {
    if (parameter[key] !== undefined) kept[key] = parameter[key];
  }
  kept.schema = convertSchema(parameter.schema ?? {}, refTo);
  if (example !== undefined) kept.example = example;
  return kept;
}

/** Words of an identifier: `ListInstitutions` → list, institutions; `page_size` → page, size. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `RetrieveOwners` → `retrieveOwners`, `page_size` → `pageSize`: the spec's operationIds and parameter files. */
export function camelCase(name: string): string {
  return words(name)
    .map((word, i) => (i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join("");
}

/** `link` → `Link`, `owner_list` → `OwnerList`: a schema's name as openapi-typescript exports it. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel[0]!.toUpperCase() + camel.slice(1);
}

/** `RetrieveOwners` → `Retrieve owners`: a summary made of the operation's name alone. */
export function sentenceOf(name: string): string {
  const text = words(name)
    .map((word) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()))
    .join(" ");
  return text[0]!.toUpperCase() + text.slice(1);
}

/** `retrieveOwners` → `retrieve-owners`. */
export function kebabCase(name: string): string {
  return words(name)
    .map((word) => word.toLowerCase())
    .join("-");
}

/**
 * An operation's code-sample file name, without its extension: the operationId in kebab case (`retrieve-owners`), or
 * for one with no letter or digit (`_`, `-`: the lint's url-safe rule allows them) its method and path
 * (`get-api-links-id`), never an empty name (`.ts`).
 */
export function codeSampleName(operationId: string, method: string, apiPath: string): string {
  return kebabCase(operationId) || kebabCase(`${method} ${apiPath}`);
}
