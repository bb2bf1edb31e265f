// The spec (and generated/) as of commit c890c63, before any operation past the first three was adopted. The tests
// that adopt operations into a project copy, or replay Belvo's documents against one, start from it: adopting those
// operations into the project itself (CONTRIBUTING.md, "Adding an operation") then leaves them as they were. Read
// from git, which the changelog test needs too (a clone with its history).
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./project-copy.js";

export const BASELINE_COMMIT = "c890c63";

/** Replaces the copy's spec/ and generated/ with the baseline's. */
export async function useBaselineSpec(root: string): Promise<void> {
  for (const dir of ["spec", "generated"]) await rm(path.join(root, dir), { recursive: true, force: true });
  await promisify(execFile)("sh", [
    "-c",
    'git -C "$0" archive "$1" spec generated | tar -x -C "$2"',
    repoRoot,
    BASELINE_COMMIT,
    root,
  ]);
}
