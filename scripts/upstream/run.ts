// `spec:upstream` as a function of a project root and a document: what the CLI prints, and what tests check.
import { existsSync } from "node:fs";
import path from "node:path";
import { projectPaths } from "../project/project.js";
import { bundleFile } from "../openapi/bundle.js";
import { specFileOf } from "../project/spec-files.js";
import { compareUpstream, type UpstreamComparison } from "./compare.js";
import { readDocument, readRecord, recordOf, writeRecord, type UpstreamRecord } from "./record.js";
import { documentShapes, type DocumentShapes } from "./shapes.js";

export interface UpstreamRun extends UpstreamComparison {
  theirs: UpstreamRecord;
  base: UpstreamRecord;
  /** Nothing is todo, and no standing difference is unexplained. */
  ok: boolean;
}

/**
 * Compares `documentFile` (a relative path is read from `root`, where npm runs the command) with the recorded
 * document and the spec under `root`; `accept` then records it as the one followed (the report shows what that
 * accepts).
 */
export async function runUpstream(root: string, documentFile: string, { accept = false } = {}): Promise<UpstreamRun> {
  const document = await readDocument(path.resolve(root, documentFile));
  const ours = await ourShapes(root);
  const theirs = recordOf(document, Object.keys(ours));
  // With --accept, the report is still made against the record it replaces (if any), so nothing pending is lost.
  const base = accept ? await readRecord(root).catch(() => theirs) : await readRecord(root);
  if (accept) await writeRecord(root, theirs);
  const comparison = compareUpstream(base.operations, theirs.operations, ours);
  const ok = !comparison.changes.some((change) => change.spec === "todo") && comparison.unexplained.length === 0;
  return { ...comparison, theirs, base, ok };
}

/** The spec's facts, bundled from spec/ as it is now, each node with its x-deviation and the file to edit. */
async function ourShapes(root: string): Promise<DocumentShapes> {
  const paths = projectPaths(root);
  const bundled = (await bundleFile(paths.specEntry)) as unknown as Record<string, any>;
  const pathFiles = new Map<string, string>();
  for (const apiPath of Object.keys(bundled.paths ?? {})) pathFiles.set(apiPath, await specFileOf(paths, apiPath));
  const fileOf = (pointer: string[]): string => {
    if (pointer[0] === "paths") return pathFiles.get(pointer[1]!) ?? "spec/openapi.yaml";
    const file = path.join("spec", ...pointer.slice(0, -1), `${pointer.at(-1)}.yaml`);
    return existsSync(path.join(root, file)) ? file : "spec/openapi.yaml";
  };
  return documentShapes(bundled, { ours: { fileOf } });
}
