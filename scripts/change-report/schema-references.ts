// How the schemas of two OpenAPI documents are reached through `$ref`s: which operations use each component schema,
// and whether a place in a document lies behind a reference to one. The change report uses both to report a change
// made inside a shared schema once per operation that reaches it.
import { HTTP_METHODS, operationsOf } from "../openapi/document.js";
import { resolveRef } from "../../src/openapi/ref.js";

/** The path item keys that are operations. */
export const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** Where an operation reaches a schema: `Request Body`, `Response 200`, `parameter fields`. */
export type SchemaUses = Map<string, Map<string, Set<string>>>; // schema → operation → places

/** Which operations reach each component schema, directly or through other schemas, in either document. */
export function schemaUses(documents: object[]): SchemaUses {
  const uses: SchemaUses = new Map();
  for (const document of documents) {
    for (const { path, method, pathItem, operation } of operationsOf(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const [place, node] of operationPlaces(document, operation, pathItem)) {
        for (const schema of reachableSchemas(document, node)) {
          const byOperation = uses.get(schema) ?? uses.set(schema, new Map()).get(schema)!;
          const places = byOperation.get(where) ?? byOperation.set(where, new Set()).get(where)!;
          places.add(place);
        }
      }
    }
  }
  return uses;
}

function operationPlaces(document: object, operation: object, pathItem: object): Array<[string, unknown]> {
  const op = operation as { requestBody?: unknown; responses?: Record<string, unknown>; parameters?: unknown[] };
  const parameters = [...((pathItem as { parameters?: unknown[] }).parameters ?? []), ...(op.parameters ?? [])];
  return [
    ["Request Body", resolveRef(document, op.requestBody)],
    ...Object.entries(op.responses ?? {}).map(([status, response]): [string, unknown] => [
      `Response ${status}`,
      resolveRef(document, response),
    ]),
    ...parameters.map((parameter): [string, unknown] => {
      const resolved = resolveRef<{ name?: string }>(document, parameter);
      return [`parameter ${resolved?.name}`, resolved];
    }),
  ];
}

/** The component schemas a node refers to, and those they refer to in turn. */
function reachableSchemas(document: object, node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) reachableSchemas(document, item, found);
  else if (isObject(node)) {
    const name = schemaRefName(node);
    if (name !== undefined && !found.has(name)) {
      found.add(name);
      reachableSchemas(document, componentSchema(document, name), found);
    }
    for (const value of Object.values(node)) reachableSchemas(document, value, found);
  }
  return found;
}

/**
 * True when a change lies behind a reference to a component schema that both documents make at that place (in an
 * operation, or in another schema): the library reports it again where that schema is defined, and there it is
 * kept. (A reference switched to another schema is a change of its own.)
 */
export function insideSharedSchema(path: ReadonlyArray<string | number>, before: object, after: object): boolean {
  let nodes: unknown[] = [before, after];
  for (const key of path) {
    const names = nodes.map((node) => (isObject(node) ? schemaRefName(node) : undefined));
    if (names[0] !== undefined && names[0] === names[1]) return true;
    nodes = nodes.map((node, index) => {
      const document = index === 0 ? before : after;
      const resolved = resolveRef(document, node);
      return isObject(resolved) || Array.isArray(resolved) ? (resolved as Record<string, unknown>)[key] : undefined;
    });
  }
  return false;
}

function schemaRefName(node: object): string | undefined {
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === "string" && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
}

const SCHEMA_REF = "#/components/schemas/";

function componentSchema(document: object, name: string): unknown {
  return (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas?.[name];
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
