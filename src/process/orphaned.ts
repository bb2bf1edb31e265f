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
 * reparented, and it waits for us forever; so does an inner npm (a script that runs `npx belvo-fake`) when the outer
 * one goes. Under npm, then, each shell and npm up to the outermost npm is watched: any of them reparented means the
 * one above it is gone. Not beyond: a shell run from a script that ends (`nohup sh -c …`, `setsid`), or npm's own
 * shell closed under `nohup`, must keep its command running. A pid is never mistaken: each watched process cannot be
 * reused while the one below it is its child, and the process a reparented one moves to was alive before, so it never
 * has the pid noted. Without /proc (macOS, Windows) the parent alone is watched. Checked twice a second.
 */
export function noteParent(): (stop: () => void) => void {
  const watched = startedBy(process.ppid, process.env.npm_lifecycle_event !== undefined);
  return function onOrphaned(stop) {
    const timer = setInterval(() => {
      // A read of /proc that fails (out of file descriptors, say) proves nothing: it is tried again next time.
      const gone =
        process.ppid !== watched[0] || watched.some((pid, i) => i > 0 && (parentOf(watched[i - 1]!) ?? pid) !== pid);
      if (!gone) return;
      clearInterval(timer);
      stop();
    }, 500).unref();
  };
}

/**
 * `parent` and, under npm, the processes above it through shells and npm (from /proc: sh → npm → sh → npm …), up to
 * the outermost npm; when `parent` is a shell, its own parent at least (npm, or another runner that set npm's
 * variables).
 */
function startedBy(parent: number, underNpm: boolean): number[] {
  const above = [parent];
  if (!underNpm) return above;
  for (let pid = parent; above.length < 16 && (isShell(pid) || isNpm(pid));) {
    const up = parentOf(pid);
    if (up === undefined || up <= 1) break;
    above.push((pid = up));
  }
  const outermostNpm = above.findLastIndex((pid, i) => i > 0 && isNpm(pid));
  return above.slice(0, Math.max(outermostNpm, isShell(parent) ? 1 : 0) + 1);
}

/** A process's command name, from /proc/<pid>/comm (Linux); "" where it cannot be read. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Whether a process is a POSIX shell, as `npm run` starts one. */
function isShell(pid: number): boolean {
  return ["sh", "dash", "bash"].includes(commandOf(pid));
}

/** Whether a process is npm or npx, which name themselves by their command ("npm exec …", "npm run …"). */
function isNpm(pid: number): boolean {
  return /^npm( |$)/.test(commandOf(pid));
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
