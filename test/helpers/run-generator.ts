// Runs the generator in a given project root: as `npm run generate` does (a child process), or in this process.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { regenerate } from "../../scripts/generate/command.js";
import { projectPaths } from "../../scripts/project/project.js";
import { inProcess } from "./commands.js";

export interface GeneratorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function startGenerator(root: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "generate.ts"), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
  });
}

export function runGenerator(root: string, args: string[] = []): Promise<GeneratorRun> {
  const child = startGenerator(root, args);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run generate` in `root`, run in this process: what it printed, and the exit code the command would give. */
export function generateInProcess(root: string): Promise<GeneratorRun> {
  return inProcess(async (output) => ((await regenerate(projectPaths(root), output, { lintInWorker: false })) ? 0 : 1));
}
