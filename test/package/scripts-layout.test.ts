// scripts/ is laid out in folders by job (CONTRIBUTING.md, "Where things are"): no folder grows past 15 files, and no
// module of it imports itself back through others. The OpenAPI reader they share with the fake (src/openapi/) is
// self-contained: it imports nothing, not even a Node built-in (the fake runs wherever the client does). With
// src/process/ (when a long-running command stops, for the fake and watch mode), it is all of src/ that the
// generator's commands reach, so a project copy (scripts/project/project-copy.ts) runs them.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, files, importGraph, importsOf } from "../helpers/import-graph.js";
import { repoRoot } from "../helpers/project-copy.js";

const MAX_FILES = 15;
/** The commands a project copy runs: they may reach into src/ through src/openapi/ and src/process/ alone. */
const COPY_COMMANDS = ["generate", "lint-spec", "spec-adopt", "spec-diff", "spec-facts", "spec-upstream"];

describe("scripts/", () => {
  it(`has no folder of more than ${MAX_FILES} files`, async () => {
    const byFolder = new Map<string, number>();
    for (const file of await files("scripts")) {
      byFolder.set(path.dirname(file), (byFolder.get(path.dirname(file)) ?? 0) + 1);
    }
    expect([...byFolder].filter(([, count]) => count > MAX_FILES)).toEqual([]);
  });

  it("has no import cycle", async () => {
    expect(cycles(await importGraph("scripts"))).toEqual([]);
  });

  it("reaches into src/ only through src/openapi/, src/process/ and src/text/ from the commands a project copy runs", async () => {
    const graph = await importGraph("scripts");
    const reached = new Set<string>();
    const pending = COPY_COMMANDS.map((name) => `scripts/${name}.ts`);
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (reached.has(file)) continue;
      reached.add(file);
      pending.push(...(graph.get(file) ?? (await importsOf(file))));
    }
    const outside = [...reached].filter(
      (file) => !/^(scripts|generated|src\/openapi|src\/process|src\/text)\//.test(file),
    );
    expect(outside).toEqual([]);
  });
});

describe("src/openapi/", () => {
  it("imports nothing: no Node built-in, no other module", async () => {
    const imports: string[] = [];
    for (const file of await files("src/openapi")) {
      const text = await readFile(path.join(repoRoot, file), "utf8");
      for (const [statement] of text.matchAll(/(?:from|import)\s*\(?\s*["'][^"']+["']/g))
        imports.push(`${file}: ${statement}`);
    }
    expect(imports).toEqual([]);
  });
});
