// What `npm run generate` does once, as a function of a project root and where its lines go: the command
// (scripts/generate.ts) prints them, watch mode reruns it, and the tests that edit a project copy call it in process
// (a child process of the generator spends most of its time loading TypeScript and Redocly).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareDocuments, renderChangeReport } from "../change-report/report.js";
import type { Output } from "../project/output.js";
import type { ProjectPaths } from "../project/project.js";
import { findStaleFiles, writeGeneratedFiles } from "./output.js";
import { generate, SpecLintError, type GeneratedFiles, type GenerateOptions } from "./pipeline.js";
import { remainingToDos } from "./to-do.js";

/** Regenerates and writes; reports a failure instead of throwing, so watch mode keeps going. */
export async function regenerate(paths: ProjectPaths, output: Output, options: GenerateOptions): Promise<boolean> {
  const started = performance.now();
  output.log(`generate: spec/openapi.yaml → generated/`);
  try {
    const files = await generate(paths, output.log, options);
    await reportApiChanges(paths, files, output);
    const written = await writeGeneratedFiles(paths.generatedDir, files);
    const what = written.length
      ? `updated ${written.map((f) => `generated/${f}`).join(", ")}`
      : "generated/ was already up to date";
    output.log(`${what} (${seconds(started)} s)`);
    await reportToDos(paths, files, output);
    return true;
  } catch (error) {
    reportFailure(error, output);
    return false;
  }
}

/** Regenerates in memory and compares with generated/, writing nothing. */
export async function check(paths: ProjectPaths, output: Output, options: GenerateOptions): Promise<boolean> {
  const started = performance.now();
  output.log(`generate --check: regenerating in memory and comparing with generated/`);
  try {
    const files = await generate(paths, output.log, options);
    await reportApiChanges(paths, files, output);
    const stale = await findStaleFiles(paths.generatedDir, files);
    if (stale.length === 0) {
      output.log(`generated/ is up to date (${seconds(started)} s)`);
      return true;
    }
    for (const name of stale) output.error(`stale: generated/${name}`);
    output.error(`generated/ does not match spec/: run \`npm run generate\` and commit the result`);
    return false;
  } catch (error) {
    reportFailure(error, output);
    return false;
  }
}

/** What the new bundle changes in the API surface, against the one in generated/ (none the first time). */
async function reportApiChanges(paths: ProjectPaths, files: GeneratedFiles, output: Output): Promise<void> {
  const previous = await readFile(path.join(paths.generatedDir, "openapi.json"), "utf8").catch(() => undefined);
  const next = files.get("openapi.json");
  if (previous === undefined || next === undefined) return output.log("API changes: no earlier bundle to compare with");
  if (previous === next) return output.log("API changes: none");
  output.log(renderChangeReport(compareDocuments(JSON.parse(previous), JSON.parse(next))));
}

/** What the spec change leaves to do by hand, which the tests would otherwise be the first to say. */
async function reportToDos(paths: ProjectPaths, files: GeneratedFiles, output: Output): Promise<void> {
  const toDos = await remainingToDos(paths, JSON.parse(files.get("openapi.json")!));
  if (toDos.length)
    output.log(`still to do (the tests check these):\n${toDos.map((toDo) => `  - ${toDo}`).join("\n")}`);
}

function reportFailure(error: unknown, output: Output): void {
  if (error instanceof SpecLintError) output.error(`generate failed: the spec does not lint clean\n${error.report}`);
  else output.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}
