import { watch } from "chokidar";

export interface WatchOptions {
  dir: string;
  debounceMs: number;
  /** One regeneration; it must report its own failures and never throw. */
  run: () => Promise<void>;
}

/**
 * Runs `run` after each burst of changes under `dir` (recursive), one run at a time: changes that arrive during a
 * run schedule exactly one more. chokidar, not Node 20's recursive fs.watch, which stops reporting a file once it
 * is replaced by rename (`sed -i`, an editor's atomic save). Resolves, once watching, to a function that stops.
 */
export async function watchAndRerun({ dir, debounceMs, run }: WatchOptions): Promise<() => Promise<void>> {
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
    timer = setTimeout(() => void runNow(), debounceMs);
  }

  // Every kind of change counts: an edit, a file added or removed, a file replaced by rename.
  const watcher = watch(dir, { ignoreInitial: true }).on("all", schedule);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}
