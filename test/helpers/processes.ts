// The processes a test starts: whether one is still there, which sit under it (npm → sh → node), which are left in
// its group, and stopping what is left.
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Kills whatever is left of the process group a test started (spawned detached), had anything stayed. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // ESRCH: the whole group is gone, as it should be
  }
}

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

/** A process as /proc/<pid>/stat shows it: its state is "Z" once it has exited and no parent has reaped it yet. */
export interface ProcessState {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

/** The processes of a process group, from /proc (Linux); [] without /proc. */
export function processGroup(pgid: number): ProcessState[] {
  if (!existsSync("/proc/self/stat")) return [];
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "<pid> (<command>) <state> <ppid> <pgid> …": the command may hold spaces, so read after the last ")".
      const [state, ppid, group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      return Number(group) === pgid ? [{ pid: Number(entry), ppid: Number(ppid), state: state!, command }] : [];
    } catch {
      return []; // gone since the listing
    }
  });
}
