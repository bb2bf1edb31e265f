// Leak check: a child process (with --expose-gc) makes 20,000 sequential calls to the fake Belvo with the client
// bundled as it ships; its heap after a full GC at 20,000 calls must stay within 4 MiB of the heap at 2,000. Both
// figures are printed. A deliberate leak of 1 KiB a call fails it (see the closing note of issue 21).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildShippedClient } from "../../scripts/bench/shipped-client.js";
import { repoRoot } from "../../scripts/lib/project.js";
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

let bundleDir: string;
let client: string;
beforeAll(async () => {
  await mkdir(path.join(repoRoot, ".tmp"), { recursive: true });
  bundleDir = await mkdtemp(path.join(repoRoot, ".tmp", "leak-"));
  client = await buildShippedClient(path.join(bundleDir, "client.mjs"));
});
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

describe("memory", () => {
  it("does not grow between 2,000 and 20,000 sequential calls", { timeout: 120_000 }, async () => {
    const output = await runChild([client, fake().url, fake().secretId, fake().secretPassword]);
    const { heapAfter } = JSON.parse(output.trim().split("\n").at(-1)!) as { heapAfter: Record<string, number> };
    const [early, late] = [heapAfter["2000"]!, heapAfter["20000"]!];
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    console.log(`heap after GC: ${mib(early)} MiB at 2,000 calls, ${mib(late)} MiB at 20,000 calls`);
    expect(late - early).toBeLessThan(BOUND_BYTES);
  });
});
