// What `npm run spec:diff` does, as a function of its arguments, a project root and where its lines go: the command
// (scripts/spec-diff.ts) prints them and exits with the code this returns; the change-report tests call it in process.
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { readCommandLine, UsageExit } from "../project/command-line.js";
import type { Output } from "../project/output.js";
import { bundleFile } from "../openapi/bundle.js";
import { projectPaths } from "../project/project.js";
import { compareDocuments, renderChangelogSection, renderChangeReport } from "./report.js";

const USAGE = "usage: npm run spec:diff -- OLD [NEW] [--changelog]   (each a file or a git revision; NEW: this spec/)";

/** Compares the documents `args` name and reports; returns 1 when a change is breaking, 2 when the arguments are wrong. */
export async function specDiffCommand(args: string[], root: string, output: Output): Promise<number> {
  let commandLine;
  try {
    commandLine = readCommandLine(args, USAGE, { changelog: { type: "boolean", default: false } }, { min: 1, max: 2 });
  } catch (error) {
    if (error instanceof UsageExit) return error.report("spec:diff", output);
    throw error;
  }
  const {
    values: { changelog },
    positionals: sources,
  } = commandLine;
  try {
    const [before, after] = await Promise.all([
      load(sources[0]!, root),
      sources[1] ? load(sources[1], root) : bundleFile(projectPaths(root).specEntry),
    ]);
    const changes = compareDocuments(before, after);
    if (changelog) {
      output.log(renderChangelogSection(changes, { before: belvoVersion(before), after: belvoVersion(after) }));
    } else {
      output.log(`spec:diff ${sources[0]} → ${sources[1] ?? "spec/"}`);
      output.log(renderChangeReport(changes));
    }
    return changes.some((change) => change.kind === "breaking") ? 1 : 0;
  } catch (error) {
    output.error(`spec:diff failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

function belvoVersion(document: object): string {
  return (document as { info?: { version?: string } }).info?.version ?? "unknown";
}

/** A document from a file (a relative path is read from `root`), or the bundle committed at a git revision there. */
async function load(source: string, root: string): Promise<object> {
  const file = path.resolve(root, source);
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return bundleFile(file);
  const { stdout } = await promisify(execFile)("git", ["show", `${source}:generated/openapi.json`], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => {
    throw new Error(`${source} is neither a file nor a git revision with a generated/openapi.json`);
  });
  return JSON.parse(stdout) as object;
}
