// Every TypeScript code block in README.md compiles (the examples users copy), against this checkout's sources; its
// list of the spec's deliberate differences from Belvo's document names every place that carries an x-deviation.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { consumerTsconfig, sourceEntries } from "../../scripts/lib/consumer-tsconfig.js";
import { collectDeviations } from "../../scripts/lib/deviations.js";
import { spec } from "../helpers/spec-validator.js";
import { repoRoot } from "../helpers/project-copy.js";

// The examples live in a temporary folder outside the repository: the test examples import vitest and msw from here.
const modules = path.join(repoRoot, "node_modules");
const TEST_TOOLS = {
  vitest: path.join(modules, "vitest", "dist", "index.d.ts"),
  "msw/node": path.join(modules, "msw", "lib", "node", "index.d.mts"),
};
let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("README.md", () => {
  it("has TypeScript examples, and every one of them compiles", async () => {
    const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);

    dir = await mkdtemp(path.join(tmpdir(), "belvo-readme-"));
    const files = blocks.map((_, index) => `example-${index + 1}.ts`);
    await Promise.all(blocks.map((code, index) => writeFile(path.join(dir!, files[index]!), `${code}\nexport {};\n`)));
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const typeRoots = path.join(repoRoot, "node_modules", "@types");
    await writeFile(
      path.join(dir, "tsconfig.json"),
      consumerTsconfig(files, { ...sourceEntries(repoRoot), ...TEST_TOOLS }, { nodeTypes: true, typeRoots }),
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", dir]).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("");
  });

  it("names every place where the spec deliberately differs from Belvo's document", async () => {
    const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.split("### Where the spec departs from Belvo's published reference")[1]!.split("\n## ")[0]!;
    const places = collectDeviations(spec).map(({ where }) => where);
    expect(places.length).toBeGreaterThanOrEqual(14);
    expect(places.filter((where) => !section.includes(`\`${where}\``))).toEqual([]);
  });
});
