import { describe, expect, it } from "vitest";
import { lintSpec } from "../../scripts/generate/lint.js";
import { projectPaths } from "../../scripts/project/project.js";

describe("redocly lint", () => {
  it("reports no error and no warning for spec/openapi.yaml", async () => {
    const { ok, report } = await lintSpec(projectPaths());
    expect(report).toContain("Your API description is valid");
    expect(report).not.toMatch(/warning|error/i);
    expect(ok).toBe(true);
  });
});
