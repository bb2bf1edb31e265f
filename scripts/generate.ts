// The generator: spec/ → generated/. `--check` changes nothing and fails on drift; `--watch` regenerates on edits.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectPaths, type ProjectPaths } from "./project/project.js";
import { compareDocuments, renderChangeReport } from "./change-report/report.js";
import { generate, SpecLintError, type GeneratedFiles } from "./generate/pipeline.js";
import { findStaleFiles, writeGeneratedFiles } from "./generate/output.js";
import { remainingToDos } from "./generate/to-do.js";
import { watchAndRerun } from "./generate/watch.js";
import { onOrphaned } from "../src/process/orphaned.js";

const { values: flags } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
  },
});

const paths = projectPaths();
const log = (line: string) => console.log(line);

if (flags.check && flags.watch) {
  console.error("generate: --check and --watch do not go together");
  process.exit(2);
}

if (flags.watch) {
  await regenerate(paths);
  const stop = await watchAndRerun({
    dir: paths.specDir,
    run: () => regenerate(paths).then(() => {}),
  });
  stopWith(stop);
  log(`watching ${path.relative(paths.root, paths.specDir)}/ for changes (Ctrl-C to stop; pid ${process.pid})`);
} else {
  const ok = flags.check ? await check(paths) : await regenerate(paths);
  process.exitCode = ok ? 0 : 1;
}

/**
 * Ends watch mode on Ctrl-C or SIGTERM, and when the process that started it (npm) is gone: npm does not always pass
 * its own SIGTERM on, and an orphaned watcher would go on writing generated/ unseen.
 */
function stopWith(stop: () => Promise<void>): void {
  const exit = () => void stop().finally(() => process.exit(0));
  process.once("SIGINT", exit);
  process.once("SIGTERM", exit);
  onOrphaned(exit);
}

/** Regenerates and writes; reports a failure instead of throwing, so watch mode keeps going. */
async function regenerate(paths: ProjectPaths): Promise<boolean> {
  const started = performance.now();
  log(`generate: spec/openapi.yaml → generated/`);
  try {
    const files = await generate(paths, log, { lintInWorker: !flags.watch });
    await reportApiChanges(paths, files);
    const written = await writeGeneratedFiles(paths.generatedDir, files);
    const what = written.length
      ? `updated ${written.map((f) => `generated/${f}`).join(", ")}`
      : "generated/ was already up to date";
    log(`${what} (${seconds(started)} s)`);
    await reportToDos(paths, files);
    return true;
  } catch (error) {
    reportFailure(error);
    return false;
  }
}

async function check(paths: ProjectPaths): Promise<boolean> {
  const started = performance.now();
  log(`generate --check: regenerating in memory and comparing with generated/`);
  try {
    const files = await generate(paths, log, { lintInWorker: !flags.watch });
    await reportApiChanges(paths, files);
    const stale = await findStaleFiles(paths.generatedDir, files);
    if (stale.length === 0) {
      log(`generated/ is up to date (${seconds(started)} s)`);
      return true;
    }
    for (const name of stale) console.error(`stale: generated/${name}`);
    console.error(`generated/ does not match spec/: run \`npm run generate\` and commit the result`);
    return false;
  } catch (error) {
    reportFailure(error);
    return false;
  }
}

/** What the new bundle changes in the API surface, against the one in generated/ (none the first time). */
async function reportApiChanges(paths: ProjectPaths, files: GeneratedFiles): Promise<void> {
  const previous = await readFile(path.join(paths.generatedDir, "openapi.json"), "utf8").catch(() => undefined);
  const next = files.get("openapi.json");
  if (previous === undefined || next === undefined) return log("API changes: no earlier bundle to compare with");
  if (previous === next) return log("API changes: none");
  log(renderChangeReport(compareDocuments(JSON.parse(previous), JSON.parse(next))));
}

/** What the spec change leaves to do by hand, which the tests would otherwise be the first to say. */
async function reportToDos(paths: ProjectPaths, files: GeneratedFiles): Promise<void> {
  const toDos = await remainingToDos(paths, JSON.parse(files.get("openapi.json")!));
  if (toDos.length) log(`still to do (the tests check these):\n${toDos.map((toDo) => `  - ${toDo}`).join("\n")}`);
}

function reportFailure(error: unknown): void {
  if (error instanceof SpecLintError) console.error(`generate failed: the spec does not lint clean\n${error.report}`);
  else console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}
