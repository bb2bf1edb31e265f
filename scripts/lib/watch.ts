import { watch } from "node:fs";

export interface WatchOptions {
  dir: string;
  debounceMs: number;
  /** One regeneration; it must report its own failures and never throw. */
  run: () => Promise<void>;
}

/**
 * Runs `run` after each burst of changes under `dir` (recursive), one run at a time: changes that arrive
 * during a run schedule exactly one more. Returns a function that stops watching.
 */
export function watchAndRerun({ dir, debounceMs, run }: WatchOptions): () => void {
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

  const watcher = watch(dir, { recursive: true }, schedule);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
