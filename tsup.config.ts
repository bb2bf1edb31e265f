import { defineConfig } from "tsup";

// ESM + CJS + declarations for each public entry; openapi-fetch stays external (our one runtime dependency), and so
// does msw (an optional peer dependency, imported by the testing/msw entry alone).
export default defineConfig({
  entry: {
    index: "src/index.ts",
    types: "src/public-types.ts",
    testing: "src/testing/index.ts",
    "testing-msw": "src/testing/msw.ts",
  },
  format: ["esm", "cjs"],
  // testing/msw's CJS build has a file of its own, which requires msw in a try: msw.ts loads it with a top-level
  // `await import`, which esbuild refuses in CJS. Both formats' declarations come from msw.ts. A new object (the
  // formats share `entry`), and only where the entry is built (the bench builds other entries with this config).
  esbuildOptions: (options, { format }) => {
    const entries = options.entryPoints as Record<string, string>;
    if (format === "cjs" && entries["testing-msw"]) {
      options.entryPoints = { ...entries, "testing-msw": "src/testing/msw-require.ts" };
    }
  },
  dts: true,
  clean: true,
  sourcemap: false,
  target: "es2022",
  platform: "neutral",
  // With "type": "module", the ESM declarations come out as .d.ts (ESM by the package type), the CJS ones as .d.cts.
  outExtension: ({ format }) => ({ js: format === "esm" ? ".mjs" : ".cjs" }),
  external: ["openapi-fetch", "msw", /^node:/],
});
