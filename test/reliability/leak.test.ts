// Leak check: a child process (with --expose-gc) makes 20,000 sequential calls to the fake Belvo; its heap after a
// full GC at 20,000 calls must stay within 4 MiB of the heap at 2,000. Both figures are printed. A deliberate leak of
// 1 KiB a call fails it (measured: the heap grew 7.2 and 9.7 MiB over those 18,000 calls).
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo({ record: false });
const BOUND_BYTES = 4 * 1024 * 1024;

function runChild(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [
    "--expose-gc",
    "--import",
    "tsx",
    path.join(import.meta.dirname, "heap-child.ts"),
    ...args,
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`heap child exited ${code}: ${stderr}`)),
    ),
  );
}

describe("memory", () => {
  it("does not grow between 2,000 and 20,000 sequential calls", { timeout: 120_000 }, async () => {
    const output = await runChild([fake().url, fake().secretId, fake().secretPassword]);
    const { heapAfter } = JSON.parse(output.trim().split("\n").at(-1)!) as { heapAfter: Record<string, number> };
    const [early, late] = [heapAfter["2000"]!, heapAfter["20000"]!];
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    console.log(`heap after GC: ${mib(early)} MiB at 2,000 calls, ${mib(late)} MiB at 20,000 calls`);
    expect(late - early).toBeLessThan(BOUND_BYTES);
  });
});
