// The spec (and generated/) as of commit c890c63, before any operation past the first three was adopted. The tests
// that adopt operations into a project copy, or replay Belvo's documents against one, start from it: adopting those
// operations into the project itself (CONTRIBUTING.md, "Adding an operation") then leaves them as they were. Read
// from git, as the changelog test reads the last release: `npm test` needs the clone's history.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { copyProject, repoRoot, type ProjectCopy } from "./project-copy.js";

export const BASELINE_COMMIT = "c890c63";
const run = promisify(execFile);

/** The baseline's bundle (its generated/openapi.json), for tests that edit a document in memory. */
export async function baselineBundle(): Promise<any> {
  const { stdout } = await run("git", ["show", `${BASELINE_COMMIT}:generated/openapi.json`], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error) => {
    throw new Error(`the tests read the baseline bundle from git at ${BASELINE_COMMIT}: ${error.message}`);
  });
  return JSON.parse(stdout);
}

/** A copy of the project (`whole`: with src/ and test/) whose spec/ and generated/ are the baseline's. */
export async function baselineCopy({ whole = false } = {}): Promise<ProjectCopy> {
  const copy = await copyProject({ whole });
  await useBaselineSpec(copy.root);
  return copy;
}

/** Replaces the copy's spec/ and generated/ with the baseline's. */
async function useBaselineSpec(root: string): Promise<void> {
  const archive = path.join(root, "baseline.tar");
  // Written to a file first: a pipe would hand tar an empty archive when git fails, and leave the copy with no spec.
  await run("git", ["archive", "-o", archive, BASELINE_COMMIT, "spec", "generated"], { cwd: repoRoot }).catch(
    (error: Error) => {
      throw new Error(
        `the tests read the baseline spec from git at ${BASELINE_COMMIT}, which this clone does not have (a shallow ` +
          `clone? \`git fetch --unshallow\`): ${error.message}`,
      );
    },
  );
  for (const dir of ["spec", "generated"]) await rm(path.join(root, dir), { recursive: true, force: true });
  await run("tar", ["-x", "-f", archive, "-C", root]);
  await rm(archive);
}
