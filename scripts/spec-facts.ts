// `npm run spec:facts -- <belvo-document.json> <out.json> ["METHOD /path"…]`: Belvo's document as facts only
// (scripts/upstream/facts.ts), cut to the operations named, if any, and the components they reach: to commit as a
// test fixture or to share without Belvo's prose. spec:upstream reads both alike.
import { writeFile } from "node:fs/promises";
import { cutTo, factsOnly } from "./upstream/facts.js";
import { readCommandLine, UsageExit } from "./project/command-line.js";
import { consoleOutput } from "./project/output.js";
import { readDocument, UpstreamError } from "./upstream/record.js";

const USAGE = 'usage: npm run spec:facts -- <belvo-document.json> <out.json> ["METHOD /path"…]';

try {
  const [input, output, ...operations] = readCommandLine(process.argv.slice(2), USAGE, {}, { min: 2 }).positionals as [
    string,
    string,
    ...string[],
  ];
  const read = await readDocument(input);
  const document = factsOnly(operations.length ? cutTo(read, operations) : read);
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`Wrote ${output}: Belvo's ${document.info.version} as facts only (no description, summary or example).`);
} catch (error) {
  if (error instanceof UsageExit) process.exit(error.report("spec:facts", consoleOutput));
  console.error(`spec:facts: ${error instanceof UpstreamError ? error.message : ((error as Error)?.stack ?? error)}`);
  process.exitCode = 2;
}
