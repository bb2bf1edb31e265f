// The bundled spec as openapi-typescript types it, and the walks the derive steps share. `$ref`s are followed by
// src/openapi/ref.ts, which the fake Belvo reads the bundled spec with too.
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

/** The operations of a document, in the spec's own order. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, pathItemOrRef] of Object.entries(doc.paths ?? {})) {
    const pathItem = resolveRef<PathItemObject>(doc, pathItemOrRef);
    for (const method of HTTP_METHODS) {
      if (!pathItem[method]) continue;
      const operation = resolveRef<OperationObject>(doc, pathItem[method]);
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      const parameters = new Map<string, ParameterObject>();
      for (const parameterOrRef of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolveRef<ParameterObject>(doc, parameterOrRef);
        parameters.set(`${parameter.in} ${parameter.name}`, parameter);
      }
      entries.push({
        path,
        method,
        operationId: operation.operationId,
        operation,
        parameters: [...parameters.values()],
      });
    }
  }
  return entries;
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
