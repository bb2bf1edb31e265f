// The bundled spec as openapi-typescript types it, and the walks the derive steps share.
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
    const pathItem = resolveLocalRef<PathItemObject>(doc, pathItemOrRef);
    for (const method of HTTP_METHODS) {
      if (!pathItem[method]) continue;
      const operation = resolveLocalRef<OperationObject>(doc, pathItem[method]);
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      const parameters = new Map<string, ParameterObject>();
      for (const parameterOrRef of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolveLocalRef<ParameterObject>(doc, parameterOrRef);
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
  const { content } = resolveLocalRef<RequestBodyObject | ResponseObject>(doc, bodyOrResponse);
  const media = content?.["application/json"] as MediaTypeObject | ReferenceObject | undefined;
  const schema = media && resolveLocalRef<MediaTypeObject>(doc, media).schema;
  return schema === undefined ? undefined : resolveLocalRef<SchemaObject>(doc, schema);
}

/** Follows a local `#/...` $ref (the only kind a bundled document has). */
export function resolveLocalRef<T>(doc: OpenApiDocument, node: T | ReferenceObject): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`not a local $ref: ${ref}`);
    if (seen.has(ref)) throw new Error(`circular $ref: ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);
    if (current === undefined) throw new Error(`$ref points nowhere: ${ref}`);
  }
  return current as T;
}

function isReference(node: unknown): node is ReferenceObject {
  return typeof node === "object" && node !== null && typeof (node as { $ref?: unknown }).$ref === "string";
}
