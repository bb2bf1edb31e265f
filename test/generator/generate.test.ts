import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate/pipeline.js";
import { projectPaths } from "../../scripts/project/project.js";
import { copyProject, repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { runGenerator, type GeneratorRun } from "../helpers/run-generator.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

const quiet = () => {};
const schemaTs = (root: string) => readFile(path.join(root, "generated", "schema.ts"), "utf8");

/** A project copy whose spec was edited by `edit`, for one test. */
async function editedCopy(edit: (root: string) => Promise<void>): Promise<ProjectCopy> {
  const copy = await copyProject();
  copies.push(copy);
  await edit(copy.root);
  return copy;
}
const copies: ProjectCopy[] = [];
const linkSchema = (root: string) => path.join(root, "spec", "components", "schemas", "Link.yaml");

/**
 * The generator runs, two at a time from the start: in this process (twice, with the step lines), `--check` on this
 * checkout, and in two copies, one whose spec changed and one whose spec breaks a lint rule. Each test asserts on its
 * own.
 */
let runs: {
  inProcess: Promise<{ lines: string[]; first: Map<string, string>; second: Map<string, string> }>;
  check: Promise<{ run: GeneratorRun; before: string; after: string }>;
  stale: Promise<{ check: GeneratorRun; schemaAfterCheck: string; regenerated: GeneratorRun; schemaAfter: string }>;
  unlinted: Promise<GeneratorRun>;
};

beforeAll(() => {
  const queue = twoAtATime();
  runs = {
    inProcess: later(
      queue(async () => {
        const lines: string[] = [];
        const first = await generate(projectPaths(), (line) => lines.push(line));
        const second = await generate(projectPaths(), quiet);
        return { lines, first, second };
      }),
    ),
    check: later(
      queue(async () => {
        const before = await schemaTs(repoRoot);
        const run = await runGenerator(repoRoot, ["--check"]);
        return { run, before, after: await schemaTs(repoRoot) };
      }),
    ),
    stale: later(
      queue(async () => {
        const copy = await editedCopy(async (root) => {
          const original = await readFile(linkSchema(root), "utf8");
          await writeFile(
            linkSchema(root),
            original.replace("Belvo's name for the institution.", "The institution's code name."),
          );
          await writeFile(path.join(root, "generated", "leftover.ts"), "export {};\n");
        });
        const check = await runGenerator(copy.root, ["--check"]);
        const schemaAfterCheck = await schemaTs(copy.root);
        const regenerated = await runGenerator(copy.root);
        return { check, schemaAfterCheck, regenerated, schemaAfter: await schemaTs(copy.root) };
      }),
    ),
    unlinted: later(
      queue(async () => {
        const copy = await editedCopy(async (root) => {
          const pathFile = path.join(root, "spec", "paths", "api_links_{id}.yaml");
          const original = await readFile(pathFile, "utf8");
          await writeFile(pathFile, original.replace(/ {4}["']500["']:\n {6}\$ref: .*\n/, ""));
        });
        return runGenerator(copy.root);
      }),
    ),
  };
});

afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await Promise.all(copies.map((copy) => copy.remove()));
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("npm run generate", { timeout: 120_000 }, () => {
  it("prints its four steps with times, and gives identical bytes when run twice, equal to generated/", async () => {
    const { lines, first, second } = await runs.inProcess;

    expect(lines.map((line) => line.match(/^\s+(\d)\/4 (\w+) .* \d+ ms$/)?.slice(1, 3))).toEqual([
      ["1", "lint"],
      ["2", "bundle"],
      ["3", "types"],
      ["4", "derive"],
    ]);
    expect([...first.keys()].sort()).toEqual([
      "error-codes.ts",
      "error-guards.ts",
      "openapi.json",
      "operation-rules.ts",
      "schema.ts",
    ]);
    expect(second).toEqual(first);
    for (const [name, contents] of first) {
      expect(await readFile(path.join(repoRoot, "generated", name), "utf8"), name).toBe(contents);
    }
  });

  it("--check passes on this checkout and changes nothing", async () => {
    const { run, before, after } = await runs.check;
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("generated/ is up to date");
    expect(run.code).toBe(0);
    expect(after).toBe(before);
  });
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("npm run generate in a copy whose spec changed", { timeout: 120_000 }, () => {
  it("--check exits 1 naming each stale file, and writes nothing", async () => {
    const { check, schemaAfterCheck, regenerated, schemaAfter } = await runs.stale;
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale: generated/openapi.json");
    expect(check.stderr).toContain("stale: generated/schema.ts");
    expect(check.stderr).toContain("stale: generated/leftover.ts");
    expect(check.stderr).not.toContain("stale: generated/error-codes.ts");
    expect(schemaAfterCheck).not.toContain("code name");

    expect(regenerated.code).toBe(0);
    expect(schemaAfter).toContain("The institution's code name.");
  });

  it("fails with Redocly's own message when the spec breaks a lint rule", async () => {
    const run = await runs.unlinted;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the spec does not lint clean");
    expect(run.stderr).toContain("rule/operation-500-response");
  });
});
