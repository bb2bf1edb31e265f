// CHANGELOG.md's Unreleased API changes are the change report against the last release, as
// `npm run spec:diff -- <release> --changelog` prints it: a spec change cannot land without its entry.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readChangelogApi } from "../../scripts/change-report/changelog.js";
import { remainingToDos } from "../../scripts/generate/to-do.js";
import { projectPaths } from "../../scripts/project/project.js";
import { repoRoot } from "../helpers/project-copy.js";

describe("CHANGELOG.md", () => {
  it("lists, under Unreleased, exactly the API changes the change report finds since the last release", async () => {
    const bundle = JSON.parse(await readFile(path.join(repoRoot, "generated", "openapi.json"), "utf8"));
    const { written, expected } = await readChangelogApi(repoRoot, bundle);
    expect(written).toBe(expected);
  });

  it("is named by generate as still to do when the spec changes and it does not, with the command that fills it", async () => {
    const bundle = JSON.parse(await readFile(path.join(repoRoot, "generated", "openapi.json"), "utf8"));
    expect(await remainingToDos(projectPaths(repoRoot), bundle)).toEqual([]);
    bundle.components.schemas.Link.properties.renewed_at = { type: "string" };
    const { release } = await readChangelogApi(repoRoot, bundle);
    expect(await remainingToDos(projectPaths(repoRoot), bundle)).toEqual([
      `CHANGELOG.md: its Unreleased API part is not the change report since ${release.version}: put there what ` +
        `\`npm run spec:diff -- ${release.revision} --changelog\` prints (an "In short:" paragraph of your own may lead it)`,
    ]);
  });
});
