// The packages the client needs at run time (openapi-fetch and what it pulls in), packed from this checkout's
// node_modules so that a consumer project installs everything from local tarballs. `npm install --offline` of a
// registry range needs the registry's metadata in the npm cache, which `npm ci` never stores: a new machine has none.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./project-copy.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const readManifest = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as Manifest;

/** Where Node would find `name` when required from `fromDir`: the nearest node_modules up to the repository root. */
async function installedDir(name: string, fromDir: string): Promise<string> {
  for (let dir = fromDir; dir.startsWith(repoRoot); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (
      await readManifest(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(`${name} (needed by ${path.relative(repoRoot, fromDir) || "this package"}) is not installed`);
}

/**
 * Packs every package in the runtime dependency tree of this package into `destination` and returns npm `overrides`
 * that point each name at its tarball (`file:./name-version.tgz`).
 */
export async function packRuntimeDependencies(destination: string): Promise<Record<string, string>> {
  const found = new Map<string, { dir: string; version: string }>();
  const pending: string[] = [repoRoot];
  for (let from = pending.pop(); from !== undefined; from = pending.pop()) {
    for (const name of Object.keys((await readManifest(from)).dependencies ?? {})) {
      const dir = await installedDir(name, from);
      const { version } = await readManifest(dir);
      const seen = found.get(name);
      if (seen && seen.version !== version) throw new Error(`${name} is installed as ${seen.version} and ${version}`);
      if (seen) continue;
      found.set(name, { dir, version });
      pending.push(dir);
    }
  }
  // "./" keeps npm from reading node_modules/x as a GitHub shorthand.
  const folders = [...found.values()].map(({ dir }) => `./${path.relative(repoRoot, dir)}`);
  const { stdout } = await run(
    npm,
    ["pack", ...folders, "--ignore-scripts", "--json", "--pack-destination", destination],
    { cwd: repoRoot },
  );
  const packed = JSON.parse(stdout) as Array<{ name: string; filename: string }>;
  return Object.fromEntries(packed.map(({ name, filename }) => [name, `file:./${filename}`]));
}
