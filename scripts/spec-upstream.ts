// `npm run spec:upstream -- <belvo-document.json> [--accept] [--json]`: what Belvo changed in its published document
// since the one the spec follows (recorded in spec/upstream.json), and for each change whether the spec has it
// (`agrees`), explains with an `x-deviation` why not (`deviates`), or must be edited (`todo`); then every standing
// difference between the spec and that document that no `x-deviation` explains. `--accept` records the given document
// as the one followed from now on. Exits 0 when nothing is todo or unexplained, 1 otherwise, 2 when the document or
// the record cannot be read.
import { readCommandLine, UsageExit } from "./project/command-line.js";
import { consoleOutput } from "./project/output.js";
import { projectPaths } from "./project/project.js";
import { runUpstream } from "./upstream/run.js";
import { RECORD_FILE, UpstreamError } from "./upstream/record.js";
import { renderUpstreamReport } from "./upstream/report.js";

const USAGE = "usage: npm run spec:upstream -- <belvo-document.json> [--accept] [--json]";

try {
  const { values: flags, positionals } = readCommandLine(
    process.argv.slice(2),
    USAGE,
    { accept: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    { min: 1, max: 1 },
  );
  const run = await runUpstream(projectPaths().root, positionals[0]!, { accept: flags.accept });
  const { changes, unexplained, theirs, base } = run;
  if (flags.json) {
    console.log(JSON.stringify({ upstream: theirs.document, recorded: base.document, changes, unexplained }, null, 2));
  } else {
    if (flags.accept) console.log(`Recorded Belvo's document ${theirs.document.version} in ${RECORD_FILE}.`);
    console.log(renderUpstreamReport(run, { theirs: theirs.document, base: base.document }));
  }
  process.exitCode = run.ok ? 0 : 1;
} catch (error) {
  if (error instanceof UsageExit) process.exit(error.report("spec:upstream", consoleOutput));
  // A document or record it cannot use is one line; anything else is a bug of the tool: its stack helps.
  console.error(
    `spec:upstream: ${error instanceof UpstreamError ? error.message : ((error as Error)?.stack ?? error)}`,
  );
  process.exitCode = 2;
}
