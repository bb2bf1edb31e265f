// A command as the tests run it: as npm does (a child process: how it starts, reads its flags and exits), or its
// function in the test's own process, its lines captured as a child process's output would be (for a test that needs
// what a command did and said to a project copy: a child process spends most of its time loading TypeScript and
// Redocly again). Either way, its exit code and what it printed.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Output } from "../../scripts/project/output.js";

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `scripts/<script>` with `args`, run in `root` as `npm run` runs it. */
export function runScript(root: string, script: string, args: string[]): Promise<CommandRun> {
  return promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "scripts", script), ...args], {
    cwd: root,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CommandRun) => error,
  );
}

/** Runs `command`, which returns its exit code, with its lines captured. */
export async function inProcess(command: (output: Output) => Promise<number>): Promise<CommandRun> {
  let [stdout, stderr] = ["", ""];
  const code = await command({
    log: (line) => void (stdout += `${line}\n`),
    error: (line) => void (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}
