import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate/pipeline.js";
import { projectPaths } from "../../scripts/project/project.js";
import { copyProject, repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { runGenerator } from "../helpers/run-generator.js";

const quiet = () => {};

describe("npm run generate", () => {
  it("prints its four steps with times, and gives identical bytes when run twice, equal to generated/", async () => {
    const lines: string[] = [];
    const first = await generate(projectPaths(), (line) => lines.push(line));
    const second = await generate(projectPaths(), quiet);

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
    const before = await readFile(path.join(repoRoot, "generated", "schema.ts"), "utf8");
    const run = await runGenerator(repoRoot, ["--check"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("generated/ is up to date");
    expect(run.code).toBe(0);
    expect(await readFile(path.join(repoRoot, "generated", "schema.ts"), "utf8")).toBe(before);
  });
});

describe("npm run generate in a copy whose spec changed", () => {
  let copy: ProjectCopy;
  beforeAll(async () => {
    copy = await copyProject();
  });
  afterAll(() => copy.remove());

  const linkSchema = () => path.join(copy.root, "spec", "components", "schemas", "Link.yaml");

  it("--check exits 1 naming each stale file, and writes nothing", async () => {
    const original = await readFile(linkSchema(), "utf8");
    await writeFile(
      linkSchema(),
      original.replace("Belvo's name for the institution.", "The institution's code name."),
    );
    await writeFile(path.join(copy.root, "generated", "leftover.ts"), "export {};\n");

    const run = await runGenerator(copy.root, ["--check"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stale: generated/openapi.json");
    expect(run.stderr).toContain("stale: generated/schema.ts");
    expect(run.stderr).toContain("stale: generated/leftover.ts");
    expect(run.stderr).not.toContain("stale: generated/error-codes.ts");
    expect(await readFile(path.join(copy.root, "generated", "schema.ts"), "utf8")).not.toContain("code name");

    const regenerated = await runGenerator(copy.root);
    expect(regenerated.code).toBe(0);
    expect(await readFile(path.join(copy.root, "generated", "schema.ts"), "utf8")).toContain(
      "The institution's code name.",
    );
  });

  it("fails with Redocly's own message when the spec breaks a lint rule", async () => {
    const pathFile = path.join(copy.root, "spec", "paths", "api_links_{id}.yaml");
    const original = await readFile(pathFile, "utf8");
    await writeFile(pathFile, original.replace(/ {4}["']500["']:\n {6}\$ref: .*\n/, ""));
    try {
      const run = await runGenerator(copy.root);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("the spec does not lint clean");
      expect(run.stderr).toContain("rule/operation-500-response");
    } finally {
      await writeFile(pathFile, original);
    }
  });
});
