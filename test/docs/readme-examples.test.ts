// Every code block of README.md in TypeScript or JavaScript compiles (the examples users copy), against this
// checkout's sources, and every vitest example runs, in a vitest of its own; its list of the spec's deliberate
// differences from Belvo's document names every place that carries an x-deviation. (The jest examples run in
// test/package/consumers.test.ts, against the packed package.)
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerTsconfig, sourceEntries } from "../../scripts/project/consumer-tsconfig.js";
import { collectDeviations } from "../../scripts/docs/deviations.js";
import { DEFAULT_PORT } from "../../src/testing/fake-server.js";
import { readmeBlocks, type ReadmeBlock } from "../helpers/readme-blocks.js";
import { spec } from "../helpers/spec-validator.js";
import { repoRoot } from "../helpers/project-copy.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

const run = promisify(execFile);
const modules = path.join(repoRoot, "node_modules");
const TEST_TOOLS = {
  vitest: path.join(modules, "vitest", "dist", "index.d.ts"),
  "msw/node": path.join(modules, "msw", "lib", "node", "index.d.mts"),
  "@jest/globals": path.join(modules, "@jest", "globals", "build", "index.d.ts"),
};

// Inside the repository (.tmp/), so that the examples' vitest and msw resolve as they would in a user's project.
let dir: string;
let blocks: ReadmeBlock[];
/** The README's vitest examples. */
let tests: ReadmeBlock[];
/** The two child processes, started side by side: tsc over every block (its errors), and vitest over the tests. */
let compiled: Promise<string>;
let ran: Promise<{ stdout: string }>;
beforeAll(async () => {
  blocks = readmeBlocks(await readFile(path.join(repoRoot, "README.md"), "utf8"));
  await mkdir(path.join(repoRoot, ".tmp"), { recursive: true });
  dir = await mkdtemp(path.join(repoRoot, ".tmp", "readme-"));
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  // A .ts block without an import or export would be a script: `export {}` makes each a module of its own.
  await Promise.all(
    blocks.map(({ file, code }) =>
      writeFile(path.join(dir, file), file.endsWith(".ts") ? `${code}\nexport {};\n` : code),
    ),
  );

  const typeRoots = path.join(modules, "@types");
  const entries = { ...sourceEntries(repoRoot), ...TEST_TOOLS };
  const files = blocks.map(({ file }) => file);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    consumerTsconfig(files, entries, { nodeTypes: true, typeRoots, checkJs: true }),
  );
  tests = blocks.filter(({ file, code }) => file.endsWith(".ts") && /from "vitest"/.test(code));
  // The package's entries resolve to this checkout's sources (each name exactly, not as a prefix).
  const alias = Object.entries(sourceEntries(repoRoot)).map(
    ([entry, file]) => `{ find: /^${entry.replace(/[/.]/g, "\\$&")}$/, replacement: ${JSON.stringify(file)} }`,
  );
  const include = JSON.stringify(tests.map(({ file }) => file));
  await writeFile(
    path.join(dir, "vitest.config.mjs"),
    `export default { resolve: { alias: [${alias.join(", ")}] }, test: { include: ${include} } };\n`,
  );

  const queue = twoAtATime();
  const tsc = path.join(modules, "typescript", "bin", "tsc");
  compiled = later(
    queue(() =>
      run(process.execPath, [tsc, "-p", dir]).then(
        () => "",
        (error: { stdout: string }) => error.stdout,
      ),
    ),
  );
  const vitest = path.join(modules, "vitest", "vitest.mjs");
  ran = later(
    queue(() =>
      run(process.execPath, [vitest, "run", "--root", dir, "--config", "vitest.config.mjs"], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      }).catch((error: { stdout: string; stderr: string }) => {
        throw new Error(`the README's vitest examples failed:\n${error.stdout}\n${error.stderr}`);
      }),
    ),
  );
});
afterAll(async () => {
  await Promise.allSettled([compiled, ran]);
  await rm(dir, { recursive: true, force: true });
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("README.md", { timeout: 120_000 }, () => {
  it("has TypeScript and JavaScript examples, and every one of them compiles", async () => {
    expect(blocks.filter(({ file }) => file.endsWith(".ts")).length).toBeGreaterThanOrEqual(7);
    expect(blocks.map(({ file }) => file)).toEqual(
      expect.arrayContaining(["jest.config.mjs", "owners.test.mjs", "owners.test.cjs", "finish-owners.test.ts"]),
    );
    const output = await compiled;
    expect(output).toBe("");
  });

  it("runs every vitest example, and they pass", async () => {
    expect(tests.length).toBeGreaterThanOrEqual(4);
    const { stdout } = await ran;
    expect(stdout).toMatch(new RegExp(`Test Files +${tests.length} passed`));
  });

  it("points every loopback URL with a port at the port the fake Belvo server takes by default", () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const ports = [...readme.matchAll(/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/g)].map((match) => Number(match[1]));
    expect(ports.length).toBeGreaterThan(5);
    expect(new Set(ports)).toEqual(new Set([DEFAULT_PORT]));
    // The README's `--port` examples too.
    const flags = [...readme.matchAll(/--port (\d+)/g)].map((match) => Number(match[1]));
    expect(new Set(flags)).toEqual(new Set([0, DEFAULT_PORT]));
  });

  it("names every type the client entry exports in its table of types you will use", () => {
    // Naming the exports takes no type check: no lib and no @types to load (the same names, in a 25th of the time).
    const program = ts.createProgram([path.join(repoRoot, "src", "index.ts")], {
      strict: true,
      noEmit: true,
      noLib: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const entry = checker.getSymbolAtLocation(program.getSourceFile(path.join(repoRoot, "src", "index.ts"))!)!;
    const typeFlags = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias;
    const exported = checker
      .getExportsOfModule(entry)
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & typeFlags) !== 0;
      })
      .map((symbol) => symbol.name)
      .sort();
    expect(exported).toContain("TokenChallenge");
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const table = readme.split("### Types you will use")[1]!.split("\n### ")[0]!;
    const listed = [...table.matchAll(/^\| `(\w+)(?:<[^`]*>)?` +\|/gm)].map((match) => match[1]!).sort();
    expect(listed).toEqual(exported);
  });

  it("names every place where the spec deliberately differs from Belvo's document, but for spec:adopt's own notes", async () => {
    const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.split("### Where the spec departs from Belvo's published reference")[1]!.split("\n## ")[0]!;
    // spec:adopt's notes come with each operation it adopts: the docs page lists them, so adopting edits no README.
    const places = collectDeviations(spec)
      .filter(({ why }) => !why.endsWith("(spec:adopt)."))
      .map(({ where }) => where);
    expect(places.length).toBeGreaterThanOrEqual(14);
    expect(places.filter((where) => !section.includes(`\`${where}\``))).toEqual([]);
  });
});
