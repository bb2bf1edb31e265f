import { watch } from "chokidar";

/**
 * Changes less than this far apart are one burst: one run, this long after the last change. 200 ms gave two quick
 * saves 200 ms apart two runs (issue 29); 400 also holds an editor's save-all or a `git checkout`. Every run waits
 * this long, so a save reaches updated types in about 0.7 s (0.49 s with 200, BENCHMARKS.md), within the 1 s budget.
 */
export const BURST_GAP_MS = 400;

export interface WatchOptions {
  dir: string;
  /** One regeneration; it must report its own failures and never throw. */
  run: () => Promise<void>;
}

/**
 * Runs `run` after each burst of changes under `dir` (recursive), one run at a time: changes that arrive during a
 * run schedule exactly one more, as the run may have read a file before it changed. chokidar, not Node 20's recursive
 * fs.watch, which stops reporting a file once it is replaced by rename (`sed -i`, an editor's atomic save). Resolves,
 * once watching, to a function that stops.
 */
export async function watchAndRerun({ dir, run }: WatchOptions): Promise<() => Promise<void>> {
  let timer: NodeJS.Timeout | undefined;
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
    timer = setTimeout(() => void runNow(), BURST_GAP_MS);
  }

  // Every kind of change counts: an edit, a file added or removed, a file replaced by rename.
  const watcher = watch(dir, { ignoreInitial: true }).on("all", schedule);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
