// When a long-running command (the fake Belvo server, the generator's watch mode) should stop: once the process that
// started it is gone. Shared by src/testing/fake-server.ts and scripts/generate.ts, which may not import each other.
import { readFileSync } from "node:fs";

/**
 * Calls `stop` once, when this process's parent or grandparent is gone, checking twice a second. The parent alone is
 * not enough: `npm run` starts a command through `sh -c`, and dash stays between npm and node, so when npm is killed
 * (`kill -9`, which npm cannot pass on) the shell, not this process, is the one reparented, and it waits for us
 * forever. The grandparent is seen through the parent's own parent in /proc: the parent cannot be a reused pid while
 * it is ours, and the process a reparented one moves to was alive before, so it never has the grandparent's pid.
 * Without /proc (macOS, Windows) the parent alone is watched.
 */
export function onOrphaned(stop: () => void): void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (process.ppid === parent && parentOf(parent) === grandparent) return;
    clearInterval(timer);
    stop();
  }, 500).unref();
}

/** A process's parent, from /proc/<pid>/stat (Linux); undefined without /proc, or once the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "<pid> (<command>) <state> <ppid> …": the command may hold spaces and parentheses, so read after the last ")".
    const [, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(ppid);
  } catch {
    return undefined;
  }
}
