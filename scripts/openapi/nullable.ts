// OpenAPI 3.0's `nullable: true` read as 3.1 writes it, `"null"` among the schema's types: one rule for the readers
// of a 3.0 document (Belvo's) beside a 3.1 one (ours), the change report, the upstream shapes and adopt's conversion,
// so that none of them reports how a version spells a nullable type.

/** The JSON types a schema node admits (none: it does not say), 3.0's `nullable: true` read as `"null"` among them. */
export function schemaTypes(node: { type?: unknown; nullable?: unknown }): string[] {
  const types = [node.type ?? []].flat() as string[];
  return node.nullable === true && !types.includes("null") ? [...types, "null"] : types;
}

/**
 * A 3.0 document with each `nullable` written the 3.1 way (`type: [T, "null"]`); a 3.1 document as it is. A
 * `nullable: true` beside no single type (3.1 has no way to write it) is left as it is.
 */
export function withNullableAsType(document: object): object {
  if (!String((document as { openapi?: unknown }).openapi).startsWith("3.0")) return document;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== "object" || node === null) return node;
    const { nullable, ...rest } = node as Record<string, unknown>;
    const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, rewrite(value)]));
    if (nullable === undefined) return copy;
    if (nullable === true && typeof copy.type === "string")
      return { ...copy, type: schemaTypes({ ...copy, nullable }) };
    return nullable === true ? node : copy;
  };
  return rewrite(document) as object;
}
