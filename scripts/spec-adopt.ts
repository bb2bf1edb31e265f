// `npm run spec:adopt -- <belvo-document.json> <operation>… | --all`: writes Belvo's operations (by operationId or
// "METHOD /path") into spec/ as this spec writes one (see scripts/adopt/), prints what it wrote and each note it added,
// and lists what it refused and why. Then `npm run generate`. Exits 0 when every operation named was adopted, 1 when
// one was refused, 2 when the document, the record or the spec cannot be used.
import { adoptCommand } from "./adopt/command.js";
import { consoleOutput } from "./project/output.js";
import { projectPaths } from "./project/project.js";

process.exitCode = await adoptCommand(process.argv.slice(2), projectPaths().root, consoleOutput);
