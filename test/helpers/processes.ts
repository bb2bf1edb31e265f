// Whether a process a test started is still there, and which processes sit under it (npm → sh → node).
import { readFileSync } from "node:fs";

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes under `pid`, from /proc (Linux), each with its command name. */
export function descendants(pid: number): Array<{ pid: number; command: string }> {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  return children.flatMap((child) => [
    { pid: child, command: readFileSync(`/proc/${child}/comm`, "utf8").trim() },
    ...descendants(child),
  ]);
}
