import { watch } from "chokidar";

/**
 * Changes less than this far apart are one burst: one run, this long after the last change. 200 ms gave two quick
 * saves 200 ms apart two runs (issue 29); 400 also holds an editor's save-all or a `git checkout`. Every run waits
 * this long, so a save reaches updated types in about 0.7 s (0.49 s with 200, BENCHMARKS.md), within the 1 s budget.
 */
export const BURST_GAP_MS = 400;

/**
 * A burst's run starts at most this long after its first change, however close its changes: a tool that saves every
 * 300 ms would otherwise put the run off for as long as it keeps saving.
 */
export const MAX_WAIT_MS = 2_000;

export interface WatchOptions {
  dir: string;
  /** One regeneration; it must report its own failures and never throw. */
  run: () => Promise<void>;
}

/**
 * Runs `run` after each burst of changes under `dir` (recursive), a gap after its last change or `MAX_WAIT_MS` after
 * its first, whichever comes first; one run at a time: changes that arrive during a run schedule exactly one more, as
 * the run may have read a file before it changed. chokidar, not Node 20's recursive fs.watch, which stops reporting a
 * file once it is replaced by rename (`sed -i`, an editor's atomic save). Resolves, once watching, to a function that
 * stops.
 */
export async function watchAndRerun({ dir, run }: WatchOptions): Promise<() => Promise<void>> {
  let timer: NodeJS.Timeout | undefined;
  /** When the burst waiting for its run began (performance.now()); undefined when none is waiting. */
  let burstStarted: number | undefined;
  let running = false;
  let changedWhileRunning = false;

  async function runNow(): Promise<void> {
    if (running) {
      changedWhileRunning = true;
      return;
    }
    running = true;
    try {
      await run();
    } finally {
      running = false;
    }
    if (changedWhileRunning) {
      changedWhileRunning = false;
      schedule();
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    burstStarted ??= performance.now();
    const delay = Math.min(BURST_GAP_MS, burstStarted + MAX_WAIT_MS - performance.now());
    timer = setTimeout(() => {
      burstStarted = undefined;
      void runNow();
    }, delay);
  }

  // Every kind of change counts: an edit, a file added or removed, a file replaced by rename.
  const watcher = watch(dir, { ignoreInitial: true }).on("all", schedule);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
