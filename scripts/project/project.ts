import { fileURLToPath } from "node:url";
import path from "node:path";

/** Where the generator reads and writes, relative to one project root (a temp copy in tests). */
export interface ProjectPaths {
  root: string;
  specDir: string;
  specEntry: string;
  generatedDir: string;
}

/** This repository's root: the folder above scripts/. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function projectPaths(root = repoRoot): ProjectPaths {
  return {
    root,
    specDir: path.join(root, "spec"),
    specEntry: path.join(root, "spec", "openapi.yaml"),
    generatedDir: path.join(root, "generated"),
  };
}
