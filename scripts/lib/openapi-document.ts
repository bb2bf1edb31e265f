/** Just enough of an OpenAPI 3.1 document's shape for the generator's walks over the bundled spec. */
export type OpenApiDocument = Record<string, unknown> & {
  paths?: Record<string, Record<string, unknown>>;
};

export interface OperationEntry {
  path: string;
  method: string;
  operationId: string;
  operation: Record<string, unknown>;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The operations of a document, in the spec's own order. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      entries.push({ path, method, operationId: operation.operationId, operation });
    }
  }
  return entries;
}

/** Follows a local `#/...` $ref (the only kind a bundled document has). */
export function resolveLocalRef<T = Record<string, unknown>>(doc: OpenApiDocument, node: unknown): T {
  let current = node as Record<string, unknown>;
  const seen = new Set<string>();
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`not a local $ref: ${ref}`);
    if (seen.has(ref)) throw new Error(`circular $ref: ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], doc) as Record<string, unknown>;
    if (current === undefined) throw new Error(`$ref points nowhere: ${ref}`);
  }
  return current as T;
}
