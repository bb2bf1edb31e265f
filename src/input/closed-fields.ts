// The one check of an object whose keys are a closed set: client, retry and call options, a stored challenge, a
// body, a query or headers, the fake's faults. A misspelt key is refused, never dropped, and the refusal names the
// key, the one it most likely meant, and the keys there are; each known field's value is checked by its rule.
import { isNear } from "../text/edit-distance.js";

/** What a field's value must be, and the reason a value that is not is refused with. */
export type FieldCheck = readonly [check: (value: unknown) => boolean, reason: string];

/** A rule's check that lets an absent (undefined) value pass. */
export const optional =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || check(value);

/** The first of `keys` not in `known`, with what to say about it; undefined when every key is known. */
export function unknownKey(
  keys: Iterable<string>,
  known: readonly string[],
): { key: string; meant: string | undefined; known: readonly string[] } | undefined {
  for (const key of keys) {
    if (known.includes(key)) continue;
    // `saveData`, `save-data` or `SAVE_DATA` for `save_data`: the same letters, case and separators aside; else a typo
    // away (`retires` for `retries`, `timeout` for `timeoutMs`).
    const loose = (name: string) => name.replace(/[_-]/g, "").toLowerCase();
    const meant =
      known.find((name) => loose(name) === loose(key)) ?? known.find((name) => isNear(loose(name), loose(key)));
    return { key, meant, known };
  }
  return undefined;
}

/** `is not <what> (did you mean "x"?); <they are>: a, b` */
export function unknownKeyReason(
  found: { meant: string | undefined; known: readonly string[] },
  what: string,
  listed = "they are",
): string {
  return `is not ${what}${found.meant ? ` (did you mean "${found.meant}"?)` : ""}; ${listed}: ${found.known.join(", ")}`;
}

/**
 * The first field of `value` (its own keys) that is not one of `rules`' or breaks its rule, as the key and the reason;
 * undefined when every field is right. `what` names a field in the refusal of an unknown one ("a retry option").
 */
export function fieldProblem(
  value: object,
  rules: Readonly<Record<string, FieldCheck>>,
  what: string,
): { key: string; reason: string; unknown: boolean } | undefined {
  const known = Object.keys(rules);
  const found = unknownKey(Object.keys(value), known);
  if (found) return { key: found.key, reason: unknownKeyReason(found, what), unknown: true };
  for (const key of known) {
    const [check, reason] = rules[key]!;
    const field = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (!check(field)) return { key, reason, unknown: false };
  }
  return undefined;
}
