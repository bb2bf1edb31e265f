// The generator: spec/ → generated/. `--check` changes nothing and fails on drift; `--watch` regenerates on edits.
import path from "node:path";
import { projectPaths } from "./project/project.js";
import { check, regenerate } from "./generate/command.js";
import { readCommandLine, UsageExit } from "./project/command-line.js";
import { consoleOutput as output } from "./project/output.js";
import { watchAndRerun } from "./generate/watch.js";
import { noteParent } from "../src/process/orphaned.js";

const USAGE = "usage: npm run generate [-- --check | --watch]";
const flags = (() => {
  try {
    const { values } = readCommandLine(
      process.argv.slice(2),
      USAGE,
      { check: { type: "boolean", default: false }, watch: { type: "boolean", default: false } },
      { max: 0 },
    );
    if (values.check && values.watch) throw new UsageExit(USAGE, 2, "--check and --watch do not go together");
    return values;
  } catch (error) {
    if (!(error instanceof UsageExit)) throw error;
    process.exit(error.report("generate", output));
  }
})();

const paths = projectPaths();
const options = { lintInWorker: !flags.watch };

if (flags.watch) {
  const onOrphaned = noteParent(); // before the first run, which takes seconds
  await regenerate(paths, output, options);
  const stop = await watchAndRerun({
    dir: paths.specDir,
    run: () => regenerate(paths, output, options).then(() => {}),
  });
  stopWith(stop, onOrphaned);
  output.log(`watching ${path.relative(paths.root, paths.specDir)}/ for changes (Ctrl-C to stop; pid ${process.pid})`);
} else {
  const ok = await (flags.check ? check : regenerate)(paths, output, options);
  process.exitCode = ok ? 0 : 1;
}

/**
 * Ends watch mode on Ctrl-C or SIGTERM, and when the process that started it (npm) is gone: npm does not always pass
 * its own SIGTERM on, and an orphaned watcher would go on writing generated/ unseen.
 */
function stopWith(stop: () => Promise<void>, onOrphaned: ReturnType<typeof noteParent>): void {
  const exit = () => void stop().finally(() => process.exit(0));
  process.once("SIGINT", exit);
  process.once("SIGTERM", exit);
  onOrphaned(exit);
}
