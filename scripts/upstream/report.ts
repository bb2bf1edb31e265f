// The human report of `npm run spec:upstream`: by operation, the changes to act on first, each naming its file.
import type { StandingDifference, UpstreamChange, UpstreamComparison } from "./compare.js";
import type { DocumentFacts } from "./record.js";
import { shortJson } from "../change-report/short-json.js";

const ORDER = { todo: 0, deviates: 1, agrees: 2 } as const;

export function renderUpstreamReport(
  { changes, unexplained }: UpstreamComparison,
  { theirs, base }: { theirs: DocumentFacts; base: DocumentFacts },
): string {
  const lines = [
    `Belvo's document ${version(theirs)} against ${version(base)}, the one the spec follows:` +
      (theirs.sha256 === base.sha256 ? " the same document." : ""),
  ];
  const operations = [...new Set([...changes, ...unexplained].map((entry) => entry.operation))];
  for (const operation of operations) {
    const own = changes
      .filter((change) => change.operation === operation)
      .sort((a, b) => ORDER[a.spec] - ORDER[b.spec]);
    const standing = unexplained.filter((difference) => difference.operation === operation);
    lines.push("", operation);
    for (const change of own) lines.push(`  ${change.spec.padEnd(8)} ${describeChange(change)}`);
    for (const difference of standing) lines.push(`  ${"differs".padEnd(8)} ${describeDifference(difference)}`);
  }
  const count = (state: string) => changes.filter((change) => change.spec === state).length;
  lines.push(
    "",
    `${changes.length} change${changes.length === 1 ? "" : "s"} since the recorded document: ${count("todo")} todo, ` +
      `${count("deviates")} deviates (an x-deviation explains it), ${count("agrees")} agrees (the spec has it); ` +
      `${unexplained.length} standing difference${unexplained.length === 1 ? "" : "s"} that no x-deviation explains.`,
  );
  if (count("todo") || unexplained.length) {
    lines.push(
      "For each todo and each difference: change the spec to follow Belvo, or add an x-deviation note saying why it " +
        "differs, in the file named. When none is left, record the document with --accept.",
    );
  }
  return lines.join("\n");
}

function version({ version, sha256 }: DocumentFacts): string {
  return `${version} (sha256 ${sha256.slice(0, 12)})`;
}

function describeChange(change: UpstreamChange): string {
  const what =
    change.fact === "added"
      ? `Belvo added it: ${show(change.after)}`
      : change.fact === "removed" && /^[A-Z]+ \S+$/.test(change.where)
        ? "this document does not have it (the recorded one has): Belvo removed it, or the document is a cut"
        : change.fact === "removed"
          ? `Belvo removed it (was ${show(change.before)})`
          : `${change.fact}: ${shift(change.before, change.after)}`;
  const then =
    change.spec === "todo"
      ? ` → edit ${change.file ?? "spec/"}`
      : change.spec === "deviates"
        ? ` (x-deviation at ${change.deviation!.where})`
        : "";
  return `${change.where}: ${what}${then}`;
}

function describeDifference(difference: StandingDifference): string {
  const what =
    difference.fact === "added"
      ? `only in Belvo's document: ${show(difference.theirs)}`
      : difference.fact === "removed"
        ? `only in the spec: ${show(difference.ours)}`
        : `${difference.fact}: the spec ${show(difference.ours)}, Belvo's ${show(difference.theirs)}` +
          (Array.isArray(difference.ours) && Array.isArray(difference.theirs)
            ? ` (${shift(difference.ours, difference.theirs)})`
            : "");
  return `${difference.where}: ${what} → edit ${difference.file ?? "spec/"} or explain it with an x-deviation`;
}

/** `before → after`; for two lists (enums, codes), what was added and removed, so a long list stays readable. */
function shift(before: unknown, after: unknown): string {
  if (!Array.isArray(before) || !Array.isArray(after)) return `${show(before)} → ${show(after)}`;
  const has = (list: unknown[], value: unknown) => list.some((item) => JSON.stringify(item) === JSON.stringify(value));
  const added = after.filter((value) => !has(before, value));
  const removed = before.filter((value) => !has(after, value));
  return [added.length ? `+ ${show(added)}` : "", removed.length ? `− ${show(removed)}` : ""]
    .filter(Boolean)
    .join(", ");
}

function show(value: unknown): string {
  return shortJson(value, { max: 100, ellipsis: "…", none: "none" });
}
