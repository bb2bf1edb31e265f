import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The files that start processes (a packed install, tsc, the generator, Chromium, a heap child), slowest first.
 * Vitest starts the files it has timed before longest first; on a fresh clone it has no timings and starts the
 * largest, which would leave these small, slow files for last, one worker idle. The watch test comes first: it mostly
 * waits for its watcher, and beside the others' child processes that wait costs no time (last, it left one core idle
 * for 20 s: `npm test` took 145 s with it there, 138 s with it first).
 */
const SLOW_FIRST = [
  "test/generator/watch.test.ts",
  "test/package/consumers.test.ts",
  "test/bench/smoke.test.ts",
  "test/generator/adopt.test.ts",
  "test/generator/operation-shapes.test.ts",
  "test/docs/docs-page.test.ts",
  "test/generator/change-report.test.ts",
  "test/generator/generate.test.ts",
  "test/reliability/leak.test.ts",
  "test/generator/upstream.test.ts",
  "test/docs/readme-examples.test.ts",
  "test/reliability/load.test.ts",
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((slow) => file.moduleId.endsWith(slow));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two files side by side (Vitest's default is one worker fewer than the cores: one, on this 2-core machine), in
    // worker threads, which start faster than processes, each thread keeping the modules it imported for its next
    // file (no test mocks or stubs a global). Type-level tests (*.test-d.ts) are checked by `npm run typecheck`,
    // which compiles test/ with the rest.
    pool: "threads",
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    // A test may await a child process its file queued up front (two at a time, see test/helpers/two-at-a-time.ts)
    // behind others: on a busy two-core machine that wait alone can pass 30 s.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
