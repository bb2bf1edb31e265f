// Belvo's whole document adopted into a throw-away copy of the project (`spec:adopt --all`, from the facts-only copy
// committed in test/fixtures/), then generated: how many of its operations the spec takes, and what adopting and
// generating them cost beside generating the project as it is, in the same copy and the same run.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { copyProject } from "../project/project-copy.js";
import { repoRoot } from "../project/project.js";

/** Belvo's 1.223.0, all 148 operations, as facts only; the smoke run takes the four-operation cut. */
export const FULL_DOCUMENT = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-full.facts.json");
export const SMALL_DOCUMENT = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-adopt.facts.json");

export interface AdoptionResult {
  document: string;
  adopted: number;
  present: number;
  /** `METHOD /path: why`, one each. */
  refused: string[];
  adoptMs: number;
  /** npm run generate before adopting (the spec as it is) and after. */
  baseGenerateMs: number;
  generateMs: number;
}

export async function measureAdoption(document: string): Promise<AdoptionResult> {
  const copy = await copyProject();
  const timed = async (script: string, args: string[] = []) => {
    const started = performance.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.join(copy.root, "scripts", script), ...args],
      { cwd: copy.root, maxBuffer: 64 * 1024 * 1024 },
    );
    return { ms: performance.now() - started, stdout };
  };
  try {
    const base = await timed("generate.ts");
    const adopt = await timed("spec-adopt.ts", [document, "--all"]);
    const generate = await timed("generate.ts");
    return {
      document: path.relative(repoRoot, document),
      adopted: adopt.stdout.match(/^adopted /gm)?.length ?? 0,
      present: Number(adopt.stdout.match(/^(\d+) operation\(s\) the spec has already/m)?.[1] ?? 0),
      refused: [...adopt.stdout.matchAll(/^refused (.*)$/gm)].map((match) => match[1]!),
      adoptMs: adopt.ms,
      baseGenerateMs: base.ms,
      generateMs: generate.ms,
    };
  } finally {
    await copy.remove();
  }
}
