// `npm run spec:diff -- OLD [NEW] [--changelog]`: what changed in the API surface between two documents, for a
// consumer of the generated types. OLD and NEW are each a file (JSON or YAML, split or whole: it is bundled first) or
// a git revision (the generated/openapi.json committed there); NEW defaults to this working tree's spec/.
// `--changelog` prints the changes as the API part of a CHANGELOG.md entry instead of the report. Exits 1 when a
// change is breaking, so CI can gate on it, and 2 when the arguments are wrong.
import { specDiffCommand } from "./change-report/command.js";
import { consoleOutput } from "./project/output.js";
import { projectPaths } from "./project/project.js";

process.exitCode = await specDiffCommand(process.argv.slice(2), projectPaths().root, consoleOutput);
