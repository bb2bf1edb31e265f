/** `save_data` → `saveData`, at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** An object type with camelCase keys: the spec's body types, as JavaScript callers write them. */
export type CamelCaseKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Maps a camelCase object onto the spec's field names, keeping only the fields the spec defines. */
export function toSpecFields(values: Readonly<Record<string, unknown>>, specFields: readonly string[]) {
  const fields: Record<string, unknown> = {};
  for (const field of specFields) {
    const value = values[field.includes("_") ? camelCase(field) : field];
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}
