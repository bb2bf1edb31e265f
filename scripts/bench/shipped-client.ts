// The client as it ships: src/ bundled by esbuild the way tsup builds dist/ (ESM, es2022, openapi-fetch external),
// so the benchmarks time the code users run, not tsx's development transform of it (which wraps every closure in
// a naming helper).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { repoRoot } from "../lib/project.js";

type ClientModule = typeof import("../../src/index.js");

const root = repoRoot;
let built: Promise<string> | undefined;
let loaded: Promise<ClientModule> | undefined;

/** The path of the bundled client (built once per process). */
export function shippedClientFile(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(root, ".tmp", "bench", "client.mjs");
    await build({
      entryPoints: [path.join(root, "src", "index.ts")],
      outfile,
      bundle: true,
      format: "esm",
      target: "es2022",
      platform: "neutral",
      external: ["openapi-fetch"],
      logLevel: "silent",
    });
    return outfile;
  })();
  return built;
}

export function shippedClient(): Promise<ClientModule> {
  loaded ??= shippedClientFile().then((file) => import(pathToFileURL(file).href) as Promise<ClientModule>);
  return loaded;
}
