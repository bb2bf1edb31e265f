// Wall time of `npm run generate` and `npm run generate -- --check`, as processes, with the generator's own
// per-step times. Generating in place writes nothing when generated/ is up to date (and it must be, for --check).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface GenerationResult {
  generateMs: number;
  checkMs: number;
  steps: Array<{ step: string; ms: number }>;
}

async function timedRun(args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "generate.ts"), ...args],
    { cwd: root },
  );
  return { ms: performance.now() - started, stdout };
}

export async function measureGeneration(): Promise<GenerationResult> {
  const generate = await timedRun([]);
  const check = await timedRun(["--check"]);
  const steps = [...generate.stdout.matchAll(/^\s+\d\/\d (.+?)\s+(\d+) ms$/gm)].map((m) => ({
    step: m[1]!,
    ms: Number(m[2]),
  }));
  return { generateMs: generate.ms, checkMs: check.ms, steps };
}
