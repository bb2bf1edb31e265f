export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `count` sequential calls after `warmup` untimed ones; returns ms per call. */
export async function timeCalls(call: () => Promise<unknown>, warmup: number, count: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await call();
  const started = performance.now();
  for (let i = 0; i < count; i++) await call();
  return (performance.now() - started) / count;
}

/** A Markdown table; the first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export const fixed = (value: number, digits = 2) => value.toFixed(digits);
