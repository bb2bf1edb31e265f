import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/prism.ts"],
    // Type-level tests (expectTypeOf) in *.test-d.ts are checked by tsc and reported as tests.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. The slow files mostly wait on
    // processes they start (a packed install, tsc, the generator, a heap child), so two run side by side there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
