import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFiles } from "./pipeline.js";

/** Files in generated/ whose contents differ from a fresh generation, or that it no longer produces. */
export async function findStaleFiles(generatedDir: string, files: GeneratedFiles): Promise<string[]> {
  const stale: string[] = [];
  for (const [name, contents] of files) {
    const onDisk = await readFile(path.join(generatedDir, name), "utf8").catch(() => undefined);
    if (onDisk !== contents) stale.push(name);
  }
  for (const name of await listFiles(generatedDir)) {
    if (!files.has(name)) stale.push(name);
  }
  return stale.sort();
}

/** Writes only what changed (so watchers and editors see no needless events) and removes leftovers. */
export async function writeGeneratedFiles(generatedDir: string, files: GeneratedFiles): Promise<string[]> {
  const stale = await findStaleFiles(generatedDir, files);
  await mkdir(generatedDir, { recursive: true });
  for (const name of stale) {
    const target = path.join(generatedDir, name);
    const contents = files.get(name);
    if (contents === undefined) await rm(target);
    else await writeFile(target, contents);
  }
  return stale;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}
