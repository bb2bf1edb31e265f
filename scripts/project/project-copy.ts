// A throw-away copy of the project (spec, scripts and what they share with the client and the fake: the OpenAPI
// reader, when to stop, how far apart two names are; generated, configs) for tests and benchmarks that edit
// the spec.
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./project.js";

export { repoRoot };

const COPIED = [
  "spec",
  "scripts",
  "src/openapi",
  "src/process",
  "src/text",
  "generated",
  "redocly.yaml",
  ".prettierrc",
  ".prettierignore",
  "package.json",
];
/** What a whole copy adds: the client and the tests, to type-check or build the project as it would be. */
const SOURCES = ["src", "test", "tsconfig.json", "tsup.config.ts", "vitest.config.ts"];

export interface ProjectCopy {
  root: string;
  remove(): Promise<void>;
}

export async function copyProject({ whole = false } = {}): Promise<ProjectCopy> {
  const root = await mkdtemp(path.join(tmpdir(), "belvo-openapi-client-"));
  for (const entry of whole ? [...COPIED, ...SOURCES] : COPIED) {
    await cp(path.join(repoRoot, entry), path.join(root, entry), { recursive: true });
  }
  await symlink(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
