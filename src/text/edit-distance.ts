// How far apart two names are, and when they are a typo apart: what "did you mean" goes by, in the client's
// closed-set checks and in spec:adopt's suggestions of an operation. Imports nothing, so a project copy's commands can
// share it.

/** Levenshtein's distance: the fewest one-character insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether two names are a typo apart: one edit, or two for names of 7 characters or more. Never for a name under 4: it
 * would meet another it was never meant for (`retry` and `onRetry`). Names whose lengths differ by more than that are
 * not compared (a long name would cost its length times the other's).
 */
export function isNear(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  const most = shorter >= 7 ? 2 : 1;
  return shorter >= 4 && Math.abs(a.length - b.length) <= most && editDistance(a, b) <= most;
}
