// The facts of an OpenAPI document's operations, with none of its prose: for each operation, its parameters, request
// body and responses as resolved schema trees (every `$ref` followed, so component names and the split of schemas do
// not count), 3.0's `nullable` read as 3.1's type arrays, and each error response's codes. Belvo's document and our
// spec are both read this way; ours also keeps each node's `x-deviation` note and the spec file that defines it. The
// change report (scripts/change-report/) compares two bundles of ours on the same facts.

import { followRef, RefError } from "../../src/openapi/ref.js";
import { pathParameterNames, splitPathTemplate } from "../../src/openapi/path-template.js";
import { operationsOf } from "../openapi/document.js";
import { schemaTypes } from "../openapi/nullable.js";

/** A document or a record `spec:upstream` cannot use (exit 2): one line, no stack. */
export class UpstreamError extends Error {}

/** One schema node's facts. */
export interface Shape {
  /** The component it came from (labels only: names are not compared). */
  name?: string;
  /** Ours only: the spec file that defines this node, and its `x-deviation` note. */
  file?: string;
  deviation?: string;
  type?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  deprecated?: true;
  default?: unknown;
  const?: unknown;
  readOnly?: true;
  writeOnly?: true;
  required?: string[];
  properties?: Record<string, Shape>;
  /** `additionalProperties`: allowed or not, or the schema of the others. */
  additionalProperties?: boolean | Shape;
  items?: Shape;
  /** The branches of a oneOf or anyOf (a `null` branch is read as nullability). */
  union?: Shape[];
  /** A schema that refers back to one of its ancestors: not followed again. */
  cycle?: true;
  /** Belvo's document: the codes an error schema's `code` names (each error code has a schema of its own there). */
  codes?: string[];
}

/** A parameter, the request body or a response: its own facts and its schema. */
export interface Part {
  /** How reports name it (`path id`), where its key does not (a path parameter is keyed by position). */
  label?: string;
  file?: string;
  deviation?: string;
  required?: boolean;
  deprecated?: true;
  /** An error response's documented codes. */
  codes?: string[];
  /** The media types of a request body or a response. */
  media?: string[];
  schema?: Shape;
}

export interface OperationShape {
  file?: string;
  deviation?: string;
  deprecated?: true;
  /** By `<in> <name>`, `request body`, and `response <status>`. */
  parts: Record<string, Part>;
}

/** `METHOD /path` → its facts. */
export type DocumentShapes = Record<string, OperationShape>;

/** A schema's own constraints, copied as they are into its shape. */
export const CONSTRAINTS = [
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
  "default",
  "const",
] as const;

type Node = Record<string, any>;

export interface ShapeOptions {
  /** Keep `x-deviation` notes and source files (our spec), or nothing but facts (Belvo's document). */
  ours?: { fileOf(pointer: string[]): string };
  /**
   * Only the operations whose `METHOD /path` (path parameters' names aside) is one of these, each recorded under the
   * key it maps to: ours, so that a renamed path parameter is still the same operation. Default: all, as they are.
   */
  only?: ReadonlyMap<string, string>;
}

/** `PUT /api/links/{id}/` → `PUT /api/links/{}/`: an operation, whatever its path parameters are called. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${splitPathTemplate(path).literals.join("{}")}`;
}

export function documentShapes(doc: Node, { ours, only }: ShapeOptions = {}): DocumentShapes {
  const result: DocumentShapes = {};
  let operations: ReturnType<typeof operationsOf>;
  try {
    operations = operationsOf(doc);
  } catch (error) {
    throw upstreamError(error);
  }
  for (const { path, method, pathItem, operation } of operations) {
    const key = only ? only.get(operationKey(method, path)) : `${method.toUpperCase()} ${path}`;
    if (key !== undefined) result[key] = operationShape(doc, path, pathItem, operation, ours);
  }
  return result;
}

/** One schema's facts in a document (its `$ref`s followed), as an operation's parts hold them. */
export function schemaFacts(doc: Node, schema: Node, ours?: ShapeOptions["ours"]): Shape {
  return shapeOf(doc, schema, ours, undefined, new Set());
}

function operationShape(doc: Node, path: string, item: Node, operation: Node, ours: ShapeOptions["ours"]) {
  const pathFile = ours?.fileOf(["paths", path]);
  const notes = (node: Node, file: string | undefined) =>
    ours ? { file, ...(typeof node["x-deviation"] === "string" ? { deviation: node["x-deviation"].trim() } : {}) } : {};
  const parts: Record<string, Part> = {};

  for (const parameterOrRef of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const { node: parameter, pointer } = resolve(doc, parameterOrRef);
    const file = pointer ? ours?.fileOf(pointer) : pathFile;
    // A path parameter is keyed by its place in the path: renaming `{id}` is not a change.
    const position = pathParameterNames(path).indexOf(parameter.name);
    const key =
      parameter.in === "path" && position >= 0 ? `path #${position + 1}` : `${parameter.in} ${parameter.name}`;
    parts[key] = {
      ...(key === `${parameter.in} ${parameter.name}` ? {} : { label: `path ${parameter.name}` }),
      ...notes(parameter, file),
      required: parameter.required === true,
      ...(parameter.deprecated ? { deprecated: true as const } : {}),
      schema: shapeOf(doc, parameter.schema, ours, file, new Set()),
    };
  }
  if (operation.requestBody) {
    const { node: body, pointer } = resolve(doc, operation.requestBody);
    const file = pointer ? ours?.fileOf(pointer) : pathFile;
    const schema = body.content?.["application/json"]?.schema;
    parts["request body"] = {
      ...notes(body, file),
      required: body.required === true,
      media: Object.keys(body.content ?? {}).sort(),
      ...(schema ? { schema: shapeOf(doc, schema, ours, file, new Set()) } : {}),
    };
  }
  for (const [status, responseOrRef] of Object.entries<Node>(operation.responses ?? {})) {
    const { node: response, pointer } = resolve(doc, responseOrRef);
    const file = pointer ? ours?.fileOf(pointer) : pathFile;
    const schema = response.content?.["application/json"]?.schema;
    const shape = schema ? shapeOf(doc, schema, ours, file, new Set()) : undefined;
    const codes = /^[45]/.test(status) ? errorCodes(doc, response, shape, ours !== undefined) : undefined;
    parts[`response ${status}`] = {
      ...notes(response, file),
      ...(codes ? { codes } : {}),
      ...(response.content ? { media: Object.keys(response.content).sort() } : {}),
      ...(shape ? { schema: shape } : {}),
    };
  }
  return { ...notes(operation, pathFile), ...(operation.deprecated ? { deprecated: true as const } : {}), parts };
}

/**
 * The codes an error response documents: ours lists them in `x-error-codes`; Belvo's document gives each code a
 * schema whose `code` names it (an enum, its example, or the DevPortal article its description links to). Each of
 * those schemas keeps its own codes too, in the shape given (which tell a renamed one from another).
 */
function errorCodes(doc: Node, response: Node, shape: Shape | undefined, ours: boolean): string[] | undefined {
  if (ours) return Array.isArray(response["x-error-codes"]) ? [...response["x-error-codes"]].sort() : undefined;
  const schema = response.content?.["application/json"]?.schema;
  if (!schema || !shape) return undefined;
  const resolved = resolve(doc, schema).node;
  const items = resolve(doc, resolved.items ?? resolved).node;
  // The branches as the shape keeps them: a `null` branch is nullability, not a branch.
  const branches = ((items.oneOf ?? items.anyOf ?? [items]) as Node[])
    .map((branch) => resolve(doc, branch).node)
    .filter((branch) => !(branch.type === "null" && !branch.properties));
  const itemShape = shape.items ?? shape;
  const all = new Set<string>();
  branches.forEach((branch, i) => {
    const codes = codesOf(doc, branch);
    const target = itemShape.union?.[i];
    if (target && codes.length) target.codes = codes;
    for (const code of codes) all.add(code);
  });
  return all.size ? [...all].sort() : undefined;
}

function codesOf(doc: Node, errorSchema: Node): string[] {
  const code = resolve(doc, errorSchema.properties?.code ?? {}).node;
  const codes = new Set<string>(code.enum ?? []);
  if (typeof code.example === "string") codes.add(code.example);
  const text = typeof code.description === "string" ? code.description : "";
  for (const [, linked] of text.matchAll(/belvo-api-errors#\d{3}-([a-z][a-z0-9_]*)/g)) codes.add(linked!);
  return [...codes].sort();
}

function shapeOf(
  doc: Node,
  schemaOrRef: Node | undefined,
  ours: ShapeOptions["ours"],
  file: string | undefined,
  ancestors: Set<string>,
): Shape {
  if (schemaOrRef === undefined || typeof schemaOrRef !== "object") return {};
  const ref = typeof schemaOrRef.$ref === "string" ? (schemaOrRef.$ref as string) : undefined;
  if (ref && ancestors.has(ref)) return { cycle: true };
  const { node, pointer } = resolve(doc, schemaOrRef);
  const name = pointer?.[0] === "components" ? pointer.at(-1) : undefined;
  const nodeFile = pointer && ours ? ours.fileOf(pointer) : file;
  const inner = ref ? new Set([...ancestors, ref]) : ancestors;
  const child = (schema: Node | undefined) => shapeOf(doc, schema, ours, nodeFile, inner);

  // allOf: one node with every part's facts.
  const parts: Shape[] = (node.allOf ?? []).map(child);
  const shape: Shape = {};
  if (name) shape.name = name;
  if (ours) {
    shape.file = nodeFile;
    // 3.1 lets a note stand beside a $ref; the referenced schema's own note counts too.
    const note = schemaOrRef["x-deviation"] ?? node["x-deviation"];
    if (typeof note === "string") shape.deviation = note.trim();
  }
  for (const part of parts) mergeInto(shape, part);

  const types = new Set<string>([...(shape.type ?? []), ...schemaTypes(node)]);
  if (types.size === 0 && node.properties) types.add("object");
  if (types.size === 0 && node.items) types.add("array");
  for (const key of CONSTRAINTS) if (node[key] !== undefined) Object.assign(shape, { [key]: node[key] });
  if (Array.isArray(node.enum)) {
    if (node.enum.includes(null)) types.add("null");
    shape.enum = node.enum.filter((value: unknown) => value !== null).sort(byJson);
  }
  if (node.deprecated === true) shape.deprecated = true;
  if (node.readOnly === true) shape.readOnly = true;
  if (node.writeOnly === true) shape.writeOnly = true;
  if (typeof node.additionalProperties === "boolean") shape.additionalProperties = node.additionalProperties;
  else if (typeof node.additionalProperties === "object") shape.additionalProperties = child(node.additionalProperties);
  if (node.properties) {
    shape.properties = { ...shape.properties };
    for (const [property, schema] of Object.entries<Node>(node.properties)) shape.properties[property] = child(schema);
  }
  if (Array.isArray(node.required)) shape.required = [...new Set([...(shape.required ?? []), ...node.required])].sort();
  if (node.items) shape.items = child(node.items);

  const branches: Node[] | undefined = node.oneOf ?? node.anyOf;
  if (branches) {
    const kept: Shape[] = [];
    for (const branch of branches.map(child)) {
      if (branch.type?.length === 1 && branch.type[0] === "null" && !branch.properties) types.add("null");
      else kept.push(branch);
    }
    // A union of one schema and null is that schema, nullable.
    if (kept.length === 1) {
      const [only] = kept;
      for (const type of only!.type ?? []) types.add(type);
      mergeInto(shape, { ...only!, type: undefined });
      if (only!.name && only!.file) shape.file = only!.file; // a nullable component is that component: edit its file
    } else if (kept.length > 1) {
      shape.union = kept;
      // The union of objects is an object: its type is what its branches share.
      if (kept.every((branch) => branch.type?.length))
        for (const branch of kept) for (const t of branch.type!) types.add(t);
    }
  }
  if (types.size) shape.type = [...types].sort();
  return shape;
}

/** Adds `from`'s facts to `into` (allOf, or a nullable union's one branch): properties and required are merged. */
function mergeInto(into: Shape, from: Shape): void {
  for (const [key, value] of Object.entries(from) as Array<[keyof Shape, unknown]>) {
    if (value === undefined || key === "file" || key === "deviation" || (key === "name" && into.name)) continue;
    if (key === "properties") into.properties = { ...into.properties, ...(value as Shape["properties"]) };
    else if (key === "required")
      into.required = [...new Set([...(into.required ?? []), ...(value as string[])])].sort();
    else if (key === "type") into.type = [...new Set([...(into.type ?? []), ...(value as string[])])].sort();
    else (into as Record<string, unknown>)[key] = value;
  }
  if (from.deviation && !into.deviation) into.deviation = from.deviation;
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Follows local `$ref`s; `pointer` is where the node was found (undefined when it was inline). */
function resolve(doc: Node, node: Node): { node: Node; pointer?: string[] } {
  try {
    return followRef<Node>(doc, node);
  } catch (error) {
    throw upstreamError(error);
  }
}

/** A `$ref` the document cannot follow makes it a document spec:upstream cannot use (exit 2, one line). */
function upstreamError(error: unknown): unknown {
  return error instanceof RefError ? new UpstreamError(error.message) : error;
}
