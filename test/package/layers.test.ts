// Data flows one way: spec → generated → src. What ships (src/, and generated/ which src/ imports) imports nothing
// from the build tooling (scripts/) or the tests: a relative import that leaves for them would pull them into the
// package and tie the runtime to the generator's code.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mts|cts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("the runtime's imports", () => {
  it("never reach scripts/ or test/ from src/ or generated/", async () => {
    const outside: string[] = [];
    for (const file of [...(await sources("src")), ...(await sources("generated"))]) {
      const text = await readFile(file, "utf8");
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = path.relative(repoRoot, path.resolve(path.dirname(file), specifier!));
        if (/^(scripts|test)\//.test(target)) outside.push(`${path.relative(repoRoot, file)} → ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
