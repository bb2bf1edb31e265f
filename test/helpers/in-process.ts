// A command's function run in the test's own process, its lines captured as a child process's output would be: for a
// test that needs what a command did and said to a project copy, not how the command starts (each command keeps a
// test of its own as a child process). A child process spends most of its time loading TypeScript and Redocly again.
import type { Output } from "../../scripts/project/output.js";

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
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
