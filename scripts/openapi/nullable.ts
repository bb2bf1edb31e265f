// OpenAPI 3.0's `nullable: true` read as 3.1 writes it, `"null"` among the schema's types: one rule for the readers
// of a 3.0 document (Belvo's) beside a 3.1 one (ours): the operations' facts (which the change report and
// spec:upstream compare) and adopt's conversion, so that none of them reports how a version spells a nullable type.

/** The JSON types a schema node admits (none: it does not say), 3.0's `nullable: true` read as `"null"` among them. */
export function schemaTypes(node: { type?: unknown; nullable?: unknown }): string[] {
  const types = [node.type ?? []].flat() as string[];
  return node.nullable === true && !types.includes("null") ? [...types, "null"] : types;
}
