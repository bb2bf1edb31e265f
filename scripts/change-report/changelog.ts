// CHANGELOG.md's Unreleased API part beside what it must be: the change report since the last release, as
// `npm run spec:diff -- <release> --changelog` prints it. The changelog test holds them equal; generate names the
// difference as something still to do.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { compareDocuments, renderChangelogSection } from "./report.js";

export interface ChangelogApi {
  /** The newest release in the list at the foot: its version, and its tag or commit. */
  release: { version: string; revision: string };
  /** The Unreleased API part as written: its heading, then the report (a hand-written "In short:" left out). */
  written: string;
  /** The change report from that release's bundle to `bundle`, as `spec:diff --changelog` renders it. */
  expected: string;
}

type Versioned = { info: { version: string } };

/**
 * Reads CHANGELOG.md in `root` and the release's bundle from git there; throws when either cannot be read, saying
 * what is missing (a line of the list, the Unreleased heading) or what git said.
 */
export async function readChangelogApi(root: string, bundle: object): Promise<ChangelogApi> {
  const changelog = await readFile(path.join(root, "CHANGELOG.md"), "utf8");
  const found = /^- (\d+\.\d+\.\d+): (?:tag|commit) (\S+)/m.exec(changelog);
  if (!found) throw new Error("CHANGELOG.md has no line such as `- 0.1.0: commit 6c4b7be` at its foot");
  const [, version, revision] = found as unknown as [string, string, string];
  const unreleased = changelog.split("## [Unreleased]")[1]?.split(`## [${version}]`)[0];
  if (unreleased === undefined) throw new Error("CHANGELOG.md has no `## [Unreleased]` heading");
  const before = JSON.parse(await releasedBundle(root, version, revision)) as Versioned;
  const after = bundle as Versioned;
  const expected = renderChangelogSection(compareDocuments(before, after), {
    before: before.info.version,
    after: after.info.version,
  });
  // The API part runs from its heading to the next section.
  const api = unreleased
    .slice(unreleased.indexOf("### API"))
    .split(/\n(?=### )/)[0]!
    .trim();
  const paragraphs = api.split("\n\n").filter((text, index) => !(index === 1 && text.startsWith("In short:")));
  return { release: { version, revision }, written: paragraphs.join("\n\n"), expected };
}

/** generated/openapi.json as the release committed it; git's own words (its first line) when it cannot be read. */
async function releasedBundle(root: string, version: string, revision: string): Promise<string> {
  try {
    // --end-of-options: the revision comes from a file, and one such as `--output=x` must not be an option.
    const git = ["show", "--end-of-options", `${revision}:generated/openapi.json`];
    const { stdout } = await promisify(execFile)("git", git, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim().split("\n")[0] || (error as Error).message;
    throw new Error(
      `git cannot read generated/openapi.json at ${revision}, the revision CHANGELOG.md gives for ${version}: ${said}`,
      { cause: error },
    );
  }
}
