// The client entry must run on browsers, Deno, Bun and edge runtimes: no Node built-in, no Node global.
import { build } from "esbuild";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

describe("the client entry", () => {
  const bundle = (external: string[]) =>
    build({
      entryPoints: [path.join(repoRoot, "src", "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
      external,
    });

  it("bundles for the browser, openapi-fetch included, without any Node built-in", async () => {
    const inputs = Object.keys((await bundle([])).metafile.inputs);
    expect(inputs.filter((input) => input.startsWith("node:"))).toEqual([]);
    expect(inputs.some((input) => input.includes("openapi-fetch"))).toBe(true);
  });

  it("uses no Node global in our own code (openapi-fetch checks for `process` itself, guarded)", async () => {
    const ours = (await bundle(["openapi-fetch"])).outputFiles[0]!.text;
    expect(ours).not.toMatch(/\bnode:|\brequire\(|\bprocess\b|\bBuffer\b|\b__dirname\b/);
  });
});
