// How the costs grow with the spec: Belvo's whole document (the facts-only copy in test/fixtures/) adopted into a
// throw-away copy of the project in steps: the spec as it is, about half of Belvo's operations, all it takes. At each
// step, beside bare openapi-fetch on the same spec: generation, the project's own typecheck, type-checking a consumer
// file, the client's bundle and its import.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { runAdopt } from "../adopt/adopt.js";
import { copyProject } from "../project/project-copy.js";
import { repoRoot } from "../project/project.js";
import { measureImportCost } from "./import-cost.js";
import { buildShippedClient } from "./shipped-client.js";
import { clientBundleBytes } from "./sizes.js";
import { measureTypecheckCost, type TypecheckCost } from "./typecheck-cost.js";

/** Belvo's 1.223.0, all 148 operations, as facts only. */
export const FULL_DOCUMENT = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-full.facts.json");

export interface ScalePoint {
  operations: number;
  /** npm run generate, and openapi-typescript alone on the same bundled spec (what a bare openapi-fetch user runs). */
  generateMs: number;
  openapiTypescriptMs: number;
  /** `tsc --noEmit -p .` over the whole project (scripts, src, test, generated). */
  projectTypecheckMs: number;
  consumer: { client: TypecheckCost; openapiFetch: TypecheckCost };
  /** The client's bundle, gzipped (openapi-fetch's alone does not change with the spec). */
  bundleBytes: number;
  importMs: number;
  openapiFetchImportMs: number;
}

export interface ScaleResult {
  document: string;
  adopted: number;
  present: number;
  /** `METHOD /path: why`, one each. */
  refused: string[];
  adoptMs: number;
  points: ScalePoint[];
}

const run = promisify(execFile);

async function timedProcess(root: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - started;
}

async function measurePoint(root: string, runs: number): Promise<ScalePoint> {
  const generateMs = await timedProcess(root, ["--import", "tsx", path.join("scripts", "generate.ts")]);
  const bundled = JSON.parse(await readFile(path.join(root, "generated", "openapi.json"), "utf8"));
  const openapiTypescript = path.join(repoRoot, "node_modules", "openapi-typescript", "bin", "cli.js");
  const schema = path.join(".tmp", "bench", "schema.ts");
  const openapiTypescriptMs = await timedProcess(root, [openapiTypescript, "generated/openapi.json", "-o", schema]);
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const projectTypecheckMs = await timedProcess(root, [tsc, "--noEmit", "-p", "."]);
  const clientFile = await buildShippedClient(path.join(root, ".tmp", "bench", "client.mjs"), root);
  const imports = await measureImportCost(runs, clientFile);
  return {
    operations: Object.values(bundled.paths as Record<string, object>).reduce(
      (count: number, item) => count + Object.keys(item).filter((key) => key !== "parameters").length,
      0,
    ),
    generateMs,
    openapiTypescriptMs,
    projectTypecheckMs,
    consumer: await measureTypecheckCost(runs, root),
    bundleBytes: await clientBundleBytes(root),
    importMs: imports.clientMs,
    openapiFetchImportMs: imports.openapiFetchMs,
  };
}

/** The operations of a Belvo document, as `METHOD /path`, in its order. */
async function operationsOf(document: string): Promise<string[]> {
  const doc = JSON.parse(await readFile(document, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
  return Object.entries(doc.paths).flatMap(([where, item]) =>
    Object.keys(item)
      .filter((key) => methods.has(key))
      .map((method) => `${method.toUpperCase()} ${where}`),
  );
}

export async function measureScale(document: string, runs: number): Promise<ScaleResult> {
  const copy = await copyProject({ whole: true });
  try {
    const points = [await measurePoint(copy.root, runs)];
    const all = await operationsOf(document);
    const started = performance.now();
    // About half first (those the spec has, or cannot take, are refused there and left out of the count).
    await runAdopt(copy.root, document, all.slice(0, all.length / 2), { all: false });
    points.push(await measurePoint(copy.root, runs));
    let adoptMs = performance.now() - started;
    const rest = performance.now();
    const last = await runAdopt(copy.root, document, [], { all: true });
    adoptMs += performance.now() - rest;
    points.push(await measurePoint(copy.root, runs));
    const [first, half, whole] = points as [ScalePoint, ScalePoint, ScalePoint];
    return {
      document: path.relative(repoRoot, document),
      adopted: whole.operations - first.operations,
      present: last.present - (half.operations - first.operations), // the second run counts the first's as present
      refused: last.refused.map(({ operation, reason }) => `${operation}: ${reason}`),
      adoptMs,
      points,
    };
  } finally {
    await copy.remove();
  }
}
