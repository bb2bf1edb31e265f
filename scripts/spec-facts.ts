// `npm run spec:facts -- <belvo-document.json> <out.json>`: Belvo's document as facts only (scripts/lib/upstream-facts.ts),
// to commit as a test fixture or to share without Belvo's prose. spec:upstream reads both alike.
import { writeFile } from "node:fs/promises";
import { factsOnly } from "./lib/upstream-facts.js";
import { readDocument, UpstreamError } from "./lib/upstream-record.js";

const USAGE = "usage: npm run spec:facts -- <belvo-document.json> <out.json>";

try {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined || process.argv.length !== 4) throw new UpstreamError(USAGE);
  const document = factsOnly(await readDocument(input));
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`Wrote ${output}: Belvo's ${document.info.version} as facts only (no description, summary or example).`);
} catch (error) {
  console.error(`spec:facts: ${error instanceof UpstreamError ? error.message : ((error as Error)?.stack ?? error)}`);
  process.exitCode = 2;
}
