// CHANGELOG.md's Unreleased API changes are the change report against the last release, as
// `npm run spec:diff -- <release> --changelog` prints it: a spec change cannot land without its entry.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compareDocuments, renderChangelogSection } from "../../scripts/change-report/report.js";
import { repoRoot } from "../helpers/project-copy.js";

const read = (file: string) => readFile(path.join(repoRoot, file), "utf8");

describe("CHANGELOG.md", () => {
  it("lists, under Unreleased, exactly the API changes the change report finds since the last release", async () => {
    const changelog = await read("CHANGELOG.md");
    // The newest release in the list at the foot: its tag, or the commit of a release that was never tagged.
    const release = /^- (\d+\.\d+\.\d+): (?:tag|commit) (\S+)/m.exec(changelog);
    expect(release, "a line such as `- 0.1.0: commit 6c4b7be` at the foot").not.toBeNull();
    const { stdout } = await promisify(execFile)("git", ["show", `${release![2]}:generated/openapi.json`], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const before = JSON.parse(stdout) as { info: { version: string } };
    const after = JSON.parse(await read("generated/openapi.json")) as { info: { version: string } };
    const section = renderChangelogSection(compareDocuments(before, after), {
      before: before.info.version,
      after: after.info.version,
    });
    const unreleased = changelog.split("## [Unreleased]")[1]!.split(`## [${release![1]}]`)[0]!;
    // The API part: its heading, one optional summary written by hand ("In short: …"), then the report, and nothing
    // else up to the next section.
    const api = unreleased
      .slice(unreleased.indexOf("### API"))
      .split(/\n(?=### )/)[0]!
      .trim();
    const paragraphs = api.split("\n\n").filter((text, index) => !(index === 1 && text.startsWith("In short:")));
    expect(paragraphs.join("\n\n")).toBe(section);
  });
});
