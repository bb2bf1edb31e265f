// CHANGELOG.md's Unreleased API changes are the change report against the last release, as
// `npm run spec:diff -- <release> --changelog` prints it: a spec change cannot land without its entry.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
        `\`npm run -s spec:diff -- ${release.revision} --changelog\` prints, its heading included (an "In short:" paragraph of your own may follow the heading; it exits 1 when a change is breaking, which asks for a major version, not a fix)`,
    ]);
  });
});

// A repository of its own, whose one commit holds a bundle, and a CHANGELOG.md each test writes.
describe("readChangelogApi() on a CHANGELOG.md it cannot use", () => {
  const bundle = { openapi: "3.1.0", info: { title: "Belvo", version: "1.0.0" }, paths: {} };
  const changelog = (release: string, unreleased = "## [Unreleased]\n\n### API\n") =>
    `# Changelog\n\n${unreleased}\n## [0.1.0]\n\nThe first.\n\n- ${release}\n`;
  let root: string;
  const read = async (text: string) => {
    await writeFile(path.join(root, "CHANGELOG.md"), text);
    return readChangelogApi(root, bundle);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "changelog-"));
    await mkdir(path.join(root, "generated"));
    await writeFile(path.join(root, "generated", "openapi.json"), JSON.stringify(bundle));
    const git = (...args: string[]) => promisify(execFile)("git", args, { cwd: root });
    await git("init", "-q");
    await git("add", "generated");
    await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "0.1.0");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("reads it when whole: the bundle at the release's revision", async () => {
    await expect(read(changelog("0.1.0: commit HEAD"))).resolves.toMatchObject({
      release: { version: "0.1.0", revision: "HEAD" },
    });
  });

  it("says the Unreleased heading is missing, and generate's to-do says so", async () => {
    const text = changelog("0.1.0: commit HEAD", "");
    await expect(read(text)).rejects.toThrow(/^CHANGELOG.md has no `## \[Unreleased\]` heading$/);
    expect(await remainingToDos(projectPaths(root), bundle)).toEqual([
      "CHANGELOG.md: could not be checked against the change report (CHANGELOG.md has no `## [Unreleased]` heading)",
    ]);
  });

  it("says which file git could not read, at which revision, and git's words", async () => {
    await expect(read(changelog("0.1.0: commit 0000000"))).rejects.toThrow(
      /^git cannot read generated\/openapi.json at 0000000, the revision CHANGELOG.md gives for 0.1.0: fatal: .*0000000/,
    );
  });

  it("passes a revision that starts with `-` to git as a revision, never as an option", async () => {
    // Read as an option, `--output=leak` would write `git show`'s output to leak:generated/openapi.json.
    await mkdir(path.join(root, "leak:generated"));
    await expect(read(changelog("0.1.0: commit --output=leak"))).rejects.toThrow(
      /^git cannot read generated\/openapi.json at --output=leak, the revision CHANGELOG.md gives for 0.1.0: fatal: /,
    );
    expect(existsSync(path.join(root, "leak:generated", "openapi.json"))).toBe(false);
  });
});
