// Wall time of `npm run generate` and `npm run generate -- --check`, as processes, with the generator's own
// per-step times, and how long watch mode takes from a save to updated types. Generating in place writes nothing
// when generated/ is up to date (and it must be, for --check); the watch figure edits a throw-away copy.
import { execFile, spawn } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { copyProject } from "../project/project-copy.js";
import { median } from "./stats.js";
import { repoRoot } from "../project/project.js";

const root = repoRoot;

export interface GenerationResult {
  generateMs: number;
  checkMs: number;
  /** From a file saved under spec/ (by rename, as editors do) to the watcher's "updated generated/…" line. */
  watchSaveToTypesMs: number;
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

export async function measureGeneration(saves: number): Promise<GenerationResult> {
  const generate = await timedRun([]);
  const check = await timedRun(["--check"]);
  const watchSaveToTypesMs = await measureWatch(saves);
  const steps = [...generate.stdout.matchAll(/^\s+\d\/\d (.+?)\s+(\d+) ms$/gm)].map((m) => ({
    step: m[1]!,
    ms: Number(m[2]),
  }));
  return { generateMs: generate.ms, checkMs: check.ms, watchSaveToTypesMs, steps };
}

async function measureWatch(saves: number): Promise<number> {
  const copy = await copyProject();
  const watcher = spawn(
    process.execPath,
    ["--import", "tsx", path.join(copy.root, "scripts", "generate.ts"), "--watch"],
    {
      cwd: copy.root,
    },
  );
  let output = "";
  const seen = (pattern: RegExp, from: number) =>
    new Promise<void>((resolve) => {
      const check = () => pattern.test(output.slice(from)) && (watcher.stdout.off("data", onData), resolve());
      const onData = (chunk: Buffer) => ((output += chunk), check());
      watcher.stdout.on("data", onData);
      check();
    });
  try {
    await seen(/watching spec\//, 0);
    const link = path.join(copy.root, "spec", "components", "schemas", "Link.yaml");
    const original = await readFile(link, "utf8");
    const times: number[] = [];
    for (let save = 0; save < saves; save++) {
      const from = output.length;
      const started = performance.now();
      await writeFile(`${link}.tmp`, original.replace("Belvo's name for the institution.", `Save ${save}.`));
      await rename(`${link}.tmp`, link);
      await seen(/updated generated\/.*schema\.ts/, from);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    watcher.kill("SIGTERM");
    await new Promise((resolve) => watcher.once("exit", resolve));
    await copy.remove();
  }
}
