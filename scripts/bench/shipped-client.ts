// The client as it ships: src/ bundled by esbuild the way tsup builds dist/ (ESM, es2022, openapi-fetch external),
// so the benchmarks time the code users run, not tsx's development transform of it (which wraps every closure in
// a naming helper).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { repoRoot } from "../project/project.js";

type ClientModule = typeof import("../../src/index.js");

let built: Promise<string> | undefined;
let loaded: Promise<ClientModule> | undefined;

/** Bundles the client of the project at `root` into `outfile`, inside it (openapi-fetch resolves from there). */
export async function buildShippedClient(outfile: string, root = repoRoot): Promise<string> {
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
}

/** The path of the bundled client the benchmarks use (built once per process). */
export function shippedClientFile(): Promise<string> {
  built ??= buildShippedClient(path.join(repoRoot, ".tmp", "bench", "client.mjs"));
  return built;
}

export function shippedClient(): Promise<ClientModule> {
  loaded ??= shippedClientFile().then((file) => import(pathToFileURL(file).href) as Promise<ClientModule>);
  return loaded;
}
