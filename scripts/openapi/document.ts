// The one reader of an OpenAPI document the scripts share: its type (openapi-typescript's), the one walk over its
// operations, an operation's parameters, a body's JSON schema, a component reference's kind and name. `$ref`s are
// followed by src/openapi/ref.ts, which the fake Belvo reads the bundled spec with too; Redocly's bundler
// (./bundle.ts) has made each of them local; 3.0's `nullable` is read by ./nullable.ts.
import type {
  MediaTypeObject,
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from "openapi-typescript";
import { refPointer, resolveRef } from "../../src/openapi/ref.js";

export type OpenApiDocument = OpenAPI3;
export type { SchemaObject };

export interface OperationEntry {
  path: string;
  method: string;
  operationId: string;
  operation: OperationObject;
  /** The path item's parameters, then the operation's (an operation's own win on a clash). */
  parameters: ParameterObject[];
}

/** The methods an OpenAPI path item can hold, in the order the spec lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** An operation where a document has it, its path item's and its own `$ref`s followed. */
export interface OperationAt {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  pathItem: PathItemObject;
  operation: OperationObject;
}

/**
 * Every operation of a document (ours, bundled, or Belvo's as read), in its paths' order and, within a path, in
 * `HTTP_METHODS`' order: the one walk over operations that every reader of a document takes.
 */
export function operationsOf(doc: object): OperationAt[] {
  const found: OperationAt[] = [];
  for (const [path, pathItemOrRef] of Object.entries((doc as OpenApiDocument).paths ?? {})) {
    const pathItem = resolveRef<PathItemObject | undefined>(doc, pathItemOrRef) ?? {};
    for (const method of HTTP_METHODS) {
      if (pathItem[method]) found.push({ path, method, pathItem, operation: resolveRef(doc, pathItem[method]) });
    }
  }
  return found;
}

/** An operation's parameters ($refs followed): the path item's, then its own, which win on the same name and place. */
export function parametersOf(doc: object, pathItem: PathItemObject, operation: OperationObject): ParameterObject[] {
  const parameters = new Map<string, ParameterObject>();
  for (const parameterOrRef of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolveRef<ParameterObject>(doc, parameterOrRef);
    parameters.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  return [...parameters.values()];
}

/** The operations of a document, in the spec's own order, each with its operationId and its parameters. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  return operationsOf(doc).map(({ path, method, pathItem, operation }) => {
    if (typeof operation.operationId !== "string")
      throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    return {
      path,
      method,
      operationId: operation.operationId,
      operation,
      parameters: parametersOf(doc, pathItem, operation),
    };
  });
}

/** The JSON schema of a request body or a response ($refs followed), or undefined when it has no JSON content. */
export function jsonContentSchema(
  doc: OpenApiDocument,
  bodyOrResponse: RequestBodyObject | ResponseObject | ReferenceObject | undefined,
): SchemaObject | undefined {
  if (bodyOrResponse === undefined) return undefined;
  const { content } = resolveRef<RequestBodyObject | ResponseObject>(doc, bodyOrResponse);
  const media = content?.["application/json"] as MediaTypeObject | ReferenceObject | undefined;
  const schema = media && resolveRef<MediaTypeObject>(doc, media).schema;
  return schema === undefined ? undefined : resolveRef<SchemaObject>(doc, schema);
}

/** `#/components/schemas/Link` → `["schemas", "Link"]`: a reference to a component, by its kind and name. */
export function componentOf(ref: string): [string, string] {
  const pointer = ref.startsWith("#/") ? refPointer(ref) : [];
  if (pointer.length !== 3 || pointer[0] !== "components") {
    throw new Error(`cannot follow $ref ${ref}: only #/components/<kind>/<name> is read`);
  }
  return [pointer[1]!, pointer[2]!];
}
