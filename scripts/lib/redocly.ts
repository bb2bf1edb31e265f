import { execFile } from "node:child_process";
import type { OpenApiDocument } from "./openapi-document.js";
import type { ProjectPaths } from "./project.js";

export interface LintResult {
  ok: boolean;
  /** Redocly's own messages, without its Node-version banner. */
  report: string;
}

/** Lints the spec with the project's redocly.yaml; warnings fail it as errors do. */
export async function lintSpec(paths: ProjectPaths): Promise<LintResult> {
  const { code, stdout, stderr } = await runRedocly(paths, ["lint", paths.specEntry]);
  const report = withoutBanner(`${stdout}\n${stderr}`).trim();
  const hasWarnings = /You have \d+ warnings?\./.test(stderr);
  return { ok: code === 0 && !hasWarnings, report };
}

/**
 * Bundles the split spec into one document (every external $ref becomes a component). In process, with the
 * Redocly library that openapi-typescript loads anyway: a second CLI process cost a second on two cores, and
 * its output is byte-for-byte the same.
 */
export async function bundleSpec(paths: ProjectPaths): Promise<OpenApiDocument> {
  return bundleFile(paths.specEntry);
}

/** Bundles any OpenAPI file, JSON or YAML, split or whole, into one document. */
export async function bundleFile(file: string): Promise<OpenApiDocument> {
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const { bundle: document, problems } = await bundle({
    ref: file,
    config: await createConfig({}),
    dereference: false,
  });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length) throw new Error(`redocly bundle failed:\n${errors.map((problem) => problem.message).join("\n")}`);
  return document.parsed as OpenApiDocument;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runRedocly(paths: ProjectPaths, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [paths.redoclyCli, ...args],
      { cwd: paths.root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// Redocly 2.x prints a boxed "Node.js 20 support is ending" notice on every run, and advice to silence the problems
// with an ignore file; neither is about fixing the spec.
function withoutBanner(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/[╔╗╚╝║]/.test(line) && !line.includes("--generate-ignore-file"))
    .join("\n");
}
