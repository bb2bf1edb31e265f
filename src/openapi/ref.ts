// Local `$ref`s (`#/components/schemas/Link`) followed through a parsed OpenAPI document: the one reader of them that
// the fake Belvo, the scripts and the tests share. Pure functions with no Node built-in, as the fake runs wherever
// the client does; Redocly's bundler (scripts/openapi/bundle.ts) has already made every external `$ref` a local one.

/** A `$ref` that cannot be followed: not a local one, circular, or pointing at nothing. */
export class RefError extends Error {
  override name = "RefError";
}

/** `#/components/schemas/Link` → `["components", "schemas", "Link"]`: the keys of a local `$ref`, unescaped. */
export function refPointer(ref: string): string[] {
  if (!ref.startsWith("#/")) throw new RefError(`not a local $ref: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((key) => {
      try {
        return decodeURIComponent(key).replace(/~1/g, "/").replace(/~0/g, "~");
      } catch {
        throw new RefError(`not a valid $ref: ${ref}`);
      }
    });
}

/**
 * The node that `node` stands for in `doc`, its `$ref`s followed (a node that is no reference is itself), and the
 * keys of the last `$ref` followed (undefined when there was none): where in the document the node is.
 */
export function followRef<T = any>(doc: unknown, node: unknown): { node: T; pointer?: string[] } {
  let pointer: string[] | undefined;
  const seen = new Set<string>();
  while (typeof node === "object" && node !== null && typeof (node as { $ref?: unknown }).$ref === "string") {
    const ref = (node as { $ref: string }).$ref;
    if (seen.has(ref)) throw new RefError(`circular $ref: ${ref}`);
    seen.add(ref);
    pointer = refPointer(ref);
    // Own keys only: `#/components/schemas/constructor` points at nothing, not at Object.
    node = pointer.reduce<unknown>(
      (value, key) =>
        typeof value === "object" && value !== null && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      doc,
    );
    if (node === undefined) throw new RefError(`$ref points nowhere: ${ref}`);
  }
  return { node: node as T, pointer };
}

/** The node that `node` stands for in `doc`, its `$ref`s followed. */
export function resolveRef<T = any>(doc: unknown, node: unknown): T {
  return followRef<T>(doc, node).node;
}
