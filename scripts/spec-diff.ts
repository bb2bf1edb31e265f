// `npm run spec:diff -- OLD [NEW] [--changelog]`: what changed in the API surface between two documents, for a
// consumer of the generated types. OLD and NEW are each a file (JSON or YAML, split or whole: it is bundled first) or
// a git revision (the generated/openapi.json committed there); NEW defaults to this working tree's spec/.
// `--changelog` prints the changes as the API part of a CHANGELOG.md entry instead of the report. Exits 1 when a
// change is breaking, so CI can gate on it, and 2 when the arguments are wrong.
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { compareDocuments, renderChangelogSection, renderChangeReport } from "./change-report/report.js";
import { projectPaths } from "./project/project.js";
import { bundleFile } from "./openapi/bundle.js";

const paths = projectPaths();
const changelog = process.argv.includes("--changelog");
const args = process.argv.slice(2).filter((arg) => arg !== "--changelog");

if (args.length < 1 || args.length > 2 || args.some((arg) => arg.startsWith("-"))) {
  console.error(
    "usage: npm run spec:diff -- OLD [NEW] [--changelog]   (each a file or a git revision; NEW: this spec/)",
  );
  process.exit(2);
}

try {
  const [before, after] = await Promise.all([load(args[0]!), args[1] ? load(args[1]) : bundleFile(paths.specEntry)]);
  const changes = compareDocuments(before, after);
  if (changelog) {
    console.log(renderChangelogSection(changes, { before: belvoVersion(before), after: belvoVersion(after) }));
  } else {
    console.log(`spec:diff ${args[0]} → ${args[1] ?? "spec/"}`);
    console.log(renderChangeReport(changes));
  }
  process.exitCode = changes.some((change) => change.kind === "breaking") ? 1 : 0;
} catch (error) {
  console.error(`spec:diff failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}

function belvoVersion(document: object): string {
  return (document as { info?: { version?: string } }).info?.version ?? "unknown";
}

/** A document from a file, or the bundle committed at a git revision. */
async function load(source: string): Promise<object> {
  const file = path.resolve(source);
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return bundleFile(file);
  const { stdout } = await promisify(execFile)("git", ["show", `${source}:generated/openapi.json`], {
    cwd: paths.root,
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => {
    throw new Error(`${source} is neither a file nor a git revision with a generated/openapi.json`);
  });
  return JSON.parse(stdout) as object;
}
