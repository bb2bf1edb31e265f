// Bundle sizes as a browser app would ship them: esbuild, minified, then gzip level 9; and, for the client, where
// its minified bytes come from (esbuild's metafile), since gzip sizes of parts do not add up.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { repoRoot } from "../project/project.js";

/** The client's bundle by part: the first prefix an input file's path starts with names its part. */
const PARTS: Array<[prefix: string, part: string]> = [
  ["node_modules/openapi-fetch/", "openapi-fetch"],
  ["src/transport/", "transport: retries, timeouts, body checks"],
  ["src/errors/", "typed errors"],
  ["src/input/", "input checks"],
  ["generated/", "constants generated from the spec"],
  ["src/", "client, options, results, guards, MFA"],
];

interface Bundle {
  gzipBytes: number;
  minifiedBytesByPart: Map<string, number>;
}

async function bundle(contents: string, root = repoRoot): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const minifiedBytesByPart = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = PARTS.find(([prefix]) => file.startsWith(prefix))?.[1] ?? "other";
      minifiedBytesByPart.set(part, (minifiedBytesByPart.get(part) ?? 0) + bytesInOutput);
    }
  }
  return { gzipBytes: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength, minifiedBytesByPart };
}

export interface SizeResult {
  clientBytes: number;
  /** Minified bytes of the client's bundle by part, largest first. */
  clientParts: Array<{ part: string; minifiedBytes: number }>;
  openapiFetchBytes: number;
  belvoSdkBytes: number;
}

/** The client's bundle, gzipped, in the project at `root` (a copy whose spec has grown). */
export async function clientBundleBytes(root: string): Promise<number> {
  return (await bundle(`export * from "./src/index.ts";`, root)).gzipBytes;
}

export async function measureSizes(): Promise<SizeResult> {
  const client = await bundle(`export * from "./src/index.ts";`);
  return {
    clientBytes: client.gzipBytes,
    clientParts: [...client.minifiedBytesByPart]
      .filter(([, bytes]) => bytes > 0)
      .map(([part, minifiedBytes]) => ({ part, minifiedBytes }))
      .sort((a, b) => b.minifiedBytes - a.minifiedBytes),
    openapiFetchBytes: (await bundle(`export { default } from "openapi-fetch";`)).gzipBytes,
    belvoSdkBytes: (await bundle(`export { default } from "belvo";`)).gzipBytes,
  };
}
