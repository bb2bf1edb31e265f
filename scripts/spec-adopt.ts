// `npm run spec:adopt -- <belvo-document.json> <operation>… | --all`: writes Belvo's operations (by operationId or
// "METHOD /path") into spec/ as this spec writes one (see scripts/adopt/), prints what it wrote and each note it added,
// and lists what it refused and why. Then `npm run generate`. Exits 0 when every operation named was adopted, 1 when
// one was refused, 2 when the document, the record or the spec cannot be used.
import { parseArgs } from "node:util";
import { runAdopt } from "./adopt/adopt.js";
import { projectPaths } from "./project/project.js";
import { UpstreamError } from "./upstream/record.js";

const USAGE = 'usage: npm run spec:adopt -- <belvo-document.json> (<operationId> | "METHOD /path")… | --all';

try {
  const { values: flags, positionals } = (() => {
    try {
      return parseArgs({
        allowPositionals: true,
        options: { all: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      });
    } catch (error) {
      throw new UpstreamError(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  if (flags.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [documentFile, ...wanted] = positionals;
  if (documentFile === undefined || (wanted.length === 0) === !flags.all) throw new UpstreamError(USAGE);
  const run = await runAdopt(projectPaths().root, documentFile, wanted, { all: flags.all });
  for (const operation of run.adopted) {
    console.log(`adopted ${operation.key} (${operation.theirs}) as ${operation.operationId}, in ${operation.file}`);
  }
  if (run.present) console.log(`${run.present} operation(s) the spec has already`);
  for (const note of run.notes) console.log(`note: ${note}`);
  for (const { operation, reason } of run.refused) console.log(`refused ${operation}: ${reason}`);
  if (run.upstream) {
    console.log(`wrote ${run.written.length} file(s):\n${run.written.map((file) => `  ${file}`).join("\n")}`);
    console.log(
      `spec:upstream on ${documentFile}: 0 todo, 0 unexplained. Next: npm run generate, then put what ` +
        "`npm run spec:diff -- <last release> --changelog` prints in CHANGELOG.md.",
    );
  } else console.log("nothing adopted: no file written");
  process.exitCode = run.refused.length && !flags.all ? 1 : 0;
} catch (error) {
  console.error(`spec:adopt: ${error instanceof UpstreamError ? error.message : ((error as Error)?.stack ?? error)}`);
  process.exitCode = 2;
}
