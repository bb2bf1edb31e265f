// `npm run lint:spec`: the generator's lint step alone (the same in-process Redocly library and redocly.yaml).
import { projectPaths } from "./project/project.js";
import { lintSpec } from "./generate/lint.js";

const { ok, report } = await lintSpec(projectPaths());
(ok ? console.log : console.error)(report);
process.exitCode = ok ? 0 : 1;
