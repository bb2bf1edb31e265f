// When a long-running command (the fake Belvo server, the generator's watch mode) should stop: once the process that
// started it is gone. Shared by src/testing/fake-server.ts and scripts/generate.ts, which may not import each other.
import { readFileSync } from "node:fs";

/**
 * Notes which process started this one, at once, and returns `onOrphaned`, which calls `stop` once that process is
 * gone. Called first thing: a parent noted later (after the banner a test or a user acts on, say) may be gone already,
 * and the process it was reparented to would be watched instead, for ever.
 *
 * The parent alone is not enough under npm: `npm run` starts a command through `sh -c`, and dash stays between npm and
 * node, so when npm is killed (`kill -9`, which npm cannot pass on) the shell, not this process, is the one
 * reparented, and it waits for us forever. Only then, under npm with a shell for parent, is the grandparent watched:
 * outside npm, a shell run from a script that ends (`nohup sh -c …`) must keep its command running. No further up:
 * an outer npm (a script of yours that runs `npx belvo-fake`) killed looks, from below, the same as a script that
 * started `nohup npm run fake &` and ended, whose server must keep running. npm is seen through the parent's own
 * parent in /proc: the parent cannot be a reused pid while it is ours, and the process a reparented one moves to was
 * alive before, so it never has npm's pid. Without /proc (macOS, Windows) the parent alone is watched. Checked twice
 * a second.
 */
export function noteParent(): (stop: () => void) => void {
  const parent = process.ppid;
  const npm = process.env.npm_lifecycle_event !== undefined && isShell(parent) ? parentOf(parent) : undefined;
  return function onOrphaned(stop) {
    const timer = setInterval(() => {
      // A read of /proc that fails (out of file descriptors, say) proves nothing: it is tried again next time.
      const npmGone = npm !== undefined && (parentOf(parent) ?? npm) !== npm;
      if (process.ppid === parent && !npmGone) return;
      clearInterval(timer);
      stop();
    }, 500).unref();
  };
}

/** Whether a process is a POSIX shell, as `npm run` starts one, from /proc/<pid>/comm (Linux). */
function isShell(pid: number): boolean {
  try {
    return ["sh", "dash", "bash"].includes(readFileSync(`/proc/${pid}/comm`, "utf8").trim());
  } catch {
    return false;
  }
}

/** A process's parent, from /proc/<pid>/stat (Linux); undefined where it cannot be read (no /proc). */
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
