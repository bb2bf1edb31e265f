// What `npm run spec:adopt` does, as a function of its arguments, a project root and where its lines go: the command
// (scripts/spec-adopt.ts) prints them and exits with the code this returns; the adopt tests call it in process.
import { readCommandLine, UsageExit } from "../project/command-line.js";
import type { Output } from "../project/output.js";
import { UpstreamError } from "../upstream/record.js";
import { runAdopt } from "./adopt.js";

const USAGE = 'usage: npm run spec:adopt -- <belvo-document.json> (<operationId> | "METHOD /path")… | --all';

/**
 * Adopts what `args` name into the project at `root` and says what it did. Returns the exit code: 0 when every
 * operation named was adopted, 1 when one was refused, 2 when the document, the record or the spec cannot be used.
 */
export async function adoptCommand(args: string[], root: string, output: Output): Promise<number> {
  try {
    const { values: flags, positionals } = readCommandLine(args, USAGE, { all: { type: "boolean", default: false } });
    const [documentFile, ...wanted] = positionals;
    if (documentFile === undefined || (wanted.length === 0) === !flags.all) throw new UsageExit(USAGE, 2);
    const run = await runAdopt(root, documentFile, wanted, { all: flags.all });
    for (const operation of run.adopted) {
      output.log(`adopted ${operation.key} (${operation.theirs}) as ${operation.operationId}, in ${operation.file}`);
    }
    if (run.present) output.log(`${run.present} operation(s) the spec has already`);
    for (const note of run.notes) output.log(`note: ${note}`);
    for (const { operation, reason } of run.refused) output.log(`refused ${operation}: ${reason}`);
    if (run.upstream) {
      output.log(`wrote ${run.written.length} file(s):\n${run.written.map((file) => `  ${file}`).join("\n")}`);
      output.log(
        `spec:upstream on ${documentFile}: 0 todo, 0 unexplained. Next: npm run generate, which lists what is left ` +
          "to do by hand (the CHANGELOG entry), with the command for each.",
      );
    } else output.log("nothing adopted: no file written");
    return run.refused.length && !flags.all ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageExit) return error.report("spec:adopt", output);
    output.error(`spec:adopt: ${error instanceof UpstreamError ? error.message : ((error as Error)?.stack ?? error)}`);
    return 2;
  }
}
