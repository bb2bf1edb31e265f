// The repository's relative-import graph, read from the sources' text: what the layout tests check for cycles and
// for imports that leave a layer.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./project-copy.js";

export async function files(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
}

/**
 * The repository files a module imports by a relative specifier (static, type-only or dynamic); a specifier that
 * names no file (an import in the text of a generated file, written by a derive step) is none.
 */
export async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(path.join(repoRoot, file), "utf8");
  const found: string[] = [];
  for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.relative(repoRoot, path.resolve(path.dirname(path.join(repoRoot, file)), specifier!));
    const candidates = [target, target.replace(/\.js$/, ".ts")];
    const existing = candidates.find((candidate) => existsSync(path.join(repoRoot, candidate)));
    if (existing) found.push(existing);
  }
  return found;
}

export async function importGraph(...dirs: string[]): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of (await Promise.all(dirs.map(files))).flat())
    if (/\.(ts|mts|mjs)$/.test(file)) graph.set(file, await importsOf(file));
  return graph;
}

/** Each import cycle once, as the files around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, stack: string[]): void => {
    const at = stack.indexOf(file);
    if (at !== -1) return void found.push([...stack.slice(at), file]);
    if (done.has(file) || !graph.has(file)) return;
    for (const target of graph.get(file)!) visit(target, [...stack, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}
