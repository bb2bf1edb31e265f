// The lint with the Redocly library, in process: @redocly/openapi-core, the copy openapi-typescript loads anyway and
// the bundler uses (../openapi/bundle.ts), so it is loaded once. The CLI as a child process cost a second of start-up
// on two cores and ran another major version of the rules (2.x) beside the bundler's; the docs build still uses the
// CLI for build-docs.
import { Worker } from "node:worker_threads";
import type { ProjectPaths } from "../project/project.js";

export interface LintResult {
  ok: boolean;
  /** Redocly's own findings, one a line: `file:line:col severity rule: message`, then the totals. */
  report: string;
}

/** Lints the spec with the project's redocly.yaml, in process; warnings fail it as errors do. */
export async function lintSpec(paths: ProjectPaths): Promise<LintResult> {
  const { lintSpecFile } = await import("./lint-spec.mjs");
  return lintSpecFile(paths.root, paths.specEntry);
}

/**
 * The same lint on another core, in a worker thread, so that a one-shot run lints while the main thread loads
 * openapi-typescript, bundles and compiles the types (module loading and linting are both single-threaded
 * JavaScript: on one thread they only take turns). Plain JavaScript in the worker: no tsx to register there.
 */
export function lintSpecInWorker(paths: ProjectPaths): Promise<LintResult> {
  const module = JSON.stringify(new URL("./lint-spec.mjs", import.meta.url).href);
  const run = `const { parentPort, workerData } = require("node:worker_threads");
    import(${module}).then(({ lintSpecFile }) => lintSpecFile(workerData.root, workerData.specEntry))
      .then((result) => parentPort.postMessage(result));`;
  const worker = new Worker(run, { eval: true, workerData: { root: paths.root, specEntry: paths.specEntry } });
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the lint worker exited with code ${code} before answering`)));
  });
}
