import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintSpec } from "../../scripts/generate/lint.js";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.js";
import { projectPaths } from "../../scripts/project/project.js";

describe("redocly lint", () => {
  let copy: ProjectCopy;
  beforeAll(async () => void (copy = await copyProject()));
  afterAll(() => copy.remove());

  it("reports no error and no warning for spec/openapi.yaml", async () => {
    const { ok, report } = await lintSpec(projectPaths());
    expect(report).toContain("Your API description is valid");
    expect(report).not.toMatch(/warning|error/i);
    expect(ok).toBe(true);
  });

  it("lints two specs at once in one process, each against its own files", async () => {
    // Redocly's example rule keeps one Ajv per process, which resolves $refs through the lint that made it.
    const [here, there] = await Promise.all([lintSpec(projectPaths()), lintSpec(projectPaths(copy.root))]);
    expect([here.report, there.report]).toEqual(["Your API description is valid.", "Your API description is valid."]);
  });
});
