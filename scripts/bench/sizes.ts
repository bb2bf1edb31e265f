// Bundle sizes as a browser app would ship them: esbuild, minified, then gzip level 9.
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..", "..");

async function minGzipBytes(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength;
}

export interface SizeResult {
  clientBytes: number;
  openapiFetchBytes: number;
  belvoSdkBytes: number;
}

export async function measureSizes(): Promise<SizeResult> {
  return {
    clientBytes: await minGzipBytes(`export * from "./src/index.ts";`),
    openapiFetchBytes: await minGzipBytes(`export { default } from "openapi-fetch";`),
    belvoSdkBytes: await minGzipBytes(`export { default } from "belvo";`),
  };
}
