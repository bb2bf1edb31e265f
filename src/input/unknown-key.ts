// The one check for a key that is not one of the known ones, wherever an object's keys are a closed set: client,
// retry and call options, a body, a query or headers, the fake's faults. A misspelt key is refused, never dropped,
// and the refusal names the key, the one it most likely meant, and the keys there are.

/** The first of `keys` not in `known`, with what to say about it; undefined when every key is known. */
export function unknownKey(
  keys: Iterable<string>,
  known: readonly string[],
): { key: string; meant: string | undefined; known: readonly string[] } | undefined {
  for (const key of keys) {
    if (known.includes(key)) continue;
    // `saveData`, `save-data` or `SAVE_DATA` for `save_data`: the same letters, case and separators aside.
    const loose = (name: string) => name.replace(/[_-]/g, "").toLowerCase();
    return { key, meant: known.find((name) => loose(name) === loose(key)), known };
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
