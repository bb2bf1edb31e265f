// Leak check: a child process (with --expose-gc) makes 50,000 sequential calls to the fake Belvo; its heap after a
// full GC at 50,000 calls must stay within a small bound of the heap at 5,000. Both figures are printed.
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
  it("does not grow between 5,000 and 50,000 sequential calls", { timeout: 180_000 }, async () => {
    const output = await runChild([fake().url, fake().secretId, fake().secretPassword]);
    const { heapAfter } = JSON.parse(output.trim().split("\n").at(-1)!) as { heapAfter: Record<string, number> };
    const [at5k, at50k] = [heapAfter["5000"]!, heapAfter["50000"]!];
    console.log(
      `heap after GC: ${(at5k / 2 ** 20).toFixed(2)} MiB at 5,000 calls, ${(at50k / 2 ** 20).toFixed(2)} MiB at 50,000 calls`,
    );
    expect(at50k - at5k).toBeLessThan(BOUND_BYTES);
  });
});
