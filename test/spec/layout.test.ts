// The split spec stays navigable: every file under spec/components is used, and documents what it should.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";
import { deref, operations, spec } from "../helpers/spec-validator.js";

describe("spec layout", () => {
  it.each(["schemas", "responses", "parameters", "examples"])("uses every file in spec/components/%s", async (kind) => {
    const files = await readdir(path.join(repoRoot, "spec", "components", kind));
    const bundled = Object.keys(spec.components[kind] ?? {}).sort();
    expect(files.map((file) => path.basename(file, ".yaml")).sort()).toEqual(bundled);
  });

  it("documents the statuses the live API gives for the two MFA operations", () => {
    const statuses = Object.fromEntries(
      operations().map((op) => [op.operationId, Object.keys(op.operation.responses)]),
    );
    expect(statuses).toMatchObject({
      completeOwnersRequest: ["200", "201", "400", "401", "403", "404", "408", "428", "500"],
      updateLinkCredentials: ["200", "400", "401", "403", "404", "428", "500"],
    });
  });

  it("lists each documented error code in its response's description", () => {
    for (const [name, response] of Object.entries<any>(spec.components.responses)) {
      for (const code of response["x-error-codes"]) expect(response.description, name).toContain(`\`${code}\``);
    }
  });

  it("documents a success, a 4xx and a 500 for every operation", () => {
    for (const { operationId, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((s) => s.startsWith("2")),
        operationId,
      ).toBe(true);
      expect(
        statuses.some((s) => s.startsWith("4")),
        operationId,
      ).toBe(true);
      expect(statuses, operationId).toContain("500");
    }
  });

  it("answers every error status with a JSON array", () => {
    for (const { operationId, operation } of operations()) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(deref(response).content["application/json"].schema.type, `${operationId} ${status}`).toBe("array");
      }
    }
  });

  it("marks the standard owner's name fields deprecated", () => {
    const properties = spec.components.schemas.OwnerStandard.properties;
    const deprecated = Object.keys(properties).filter((name) => properties[name].deprecated);
    expect(deprecated).toEqual(["business_name", "first_name", "last_name", "second_last_name"]);
  });
});
