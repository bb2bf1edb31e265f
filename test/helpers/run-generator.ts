// Runs scripts/generate.ts as `npm run generate` does, in a given project root.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

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
