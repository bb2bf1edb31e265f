// Leak check: a child process (with --expose-gc) makes 10,000 sequential calls to the fake Belvo with the client
// bundled as it ships; its heap after a full GC at 10,000 calls must stay within 3 MiB of the heap at 1,000. Both
// figures are printed. A deliberate leak of 1 KiB a call fails it (measured: the heap grew 6.1 to 7.0 MiB; without
// it, 0.1 to 1.3 MiB).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildShippedClient } from "../../scripts/bench/shipped-client.js";
import { repoRoot } from "../../scripts/project/project.js";
import { useFakeBelvo } from "../helpers/fake-belvo.js";

const fake = useFakeBelvo({ record: false });
const BOUND_BYTES = 3 * 1024 * 1024;
const [EARLY, LATE] = [1_000, 10_000];

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
  it(`does not grow between ${EARLY} and ${LATE} sequential calls`, { timeout: 120_000 }, async () => {
    const credentials = [fake().url, fake().secretId, fake().secretPassword];
    const output = await runChild([client, ...credentials, String(EARLY), String(LATE)]);
    const { heapAfter } = JSON.parse(output.trim().split("\n").at(-1)!) as { heapAfter: Record<string, number> };
    const [early, late] = [heapAfter[EARLY]!, heapAfter[LATE]!];
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    console.log(`heap after GC: ${mib(early)} MiB at ${EARLY} calls, ${mib(late)} MiB at ${LATE} calls`);
    expect(late - early).toBeLessThan(BOUND_BYTES);
  });
});
