// What a spec change leaves to do that generate cannot write itself, each naming its file: the tests would fail on
// it (test/docs/code-samples.test.ts, test/docs/changelog.test.ts), and this says so before they run.
import { codeSampleName } from "../adopt/convert.js";
import { readChangelogApi } from "../change-report/changelog.js";
import { listOperations, type OpenApiDocument } from "../openapi/document.js";
import type { ProjectPaths } from "../project/project.js";
import { specFileOf } from "../project/spec-files.js";

/** The samples every operation lists under x-codeSamples, by label, in this order (the docs page shows them so). */
const SAMPLE_LABELS = ["TypeScript", "curl"];

export async function remainingToDos(paths: ProjectPaths, bundle: OpenApiDocument): Promise<string[]> {
  return [...(await missingCodeSamples(paths, bundle)), ...(await changelogToDo(paths, bundle))];
}

async function missingCodeSamples(paths: ProjectPaths, bundle: OpenApiDocument): Promise<string[]> {
  const toDos: string[] = [];
  for (const { path: apiPath, method, operationId, operation } of listOperations(bundle)) {
    const samples = (operation as { "x-codeSamples"?: Array<{ label?: unknown }> })["x-codeSamples"] ?? [];
    if (samples.map((sample) => sample.label).join() === SAMPLE_LABELS.join()) continue;
    const name = `spec/code-samples/${codeSampleName(operationId, method, apiPath)}`;
    toDos.push(
      `${await specFileOf(paths, apiPath)}: ${method.toUpperCase()} ${apiPath} (${operationId}) needs its code ` +
        `samples: write ${name}.ts and ${name}.sh, and list them under its x-codeSamples, labelled ` +
        `${SAMPLE_LABELS.join(" then ")} (spec:adopt writes them for the operations it adopts)`,
    );
  }
  return toDos;
}

async function changelogToDo(paths: ProjectPaths, bundle: OpenApiDocument): Promise<string[]> {
  try {
    const { release, written, expected } = await readChangelogApi(paths.root, bundle);
    if (written === expected) return [];
    return [
      `CHANGELOG.md: its Unreleased API part is not the change report since ${release.version}: put there what ` +
        `\`npm run -s spec:diff -- ${release.revision} --changelog\` prints, its heading included (an "In short:" paragraph of your own may follow the heading; it exits 1 when a change is breaking, which asks for a major version, not a fix)`,
    ];
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return []; // a project copy without a CHANGELOG.md
    return [
      `CHANGELOG.md: could not be checked against the change report (${(error as Error).message.split("\n")[0]})`,
    ];
  }
}
