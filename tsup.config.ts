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
  dts: true,
  clean: true,
  sourcemap: false,
  target: "es2022",
  platform: "neutral",
  // With "type": "module", the ESM declarations come out as .d.ts (ESM by the package type), the CJS ones as .d.cts.
  outExtension: ({ format }) => ({ js: format === "esm" ? ".mjs" : ".cjs" }),
  external: ["openapi-fetch", "msw", /^node:/],
});
