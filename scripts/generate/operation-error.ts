import { listOperations, type OpenApiDocument, type OperationEntry } from "../openapi/document.js";

/** A derive step failed on one operation: names it, so the report can point at its file. */
export class OperationError extends Error {
  constructor(
    readonly operation: Pick<OperationEntry, "method" | "path" | "operationId">,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${operation.method.toUpperCase()} ${operation.path} (${operation.operationId}): ${reason}`, { cause });
    this.name = "OperationError";
  }
}

/** Maps each operation of the document, naming the operation in any error that comes out of `derive`. */
export function forEachOperation<T>(doc: OpenApiDocument, derive: (entry: OperationEntry) => T): T[] {
  return listOperations(doc).map((entry) => {
    try {
      return derive(entry);
    } catch (error) {
      throw new OperationError(entry, error);
    }
  });
}
