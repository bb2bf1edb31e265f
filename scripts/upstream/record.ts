// spec/upstream.json: which of Belvo's published documents the spec follows, as facts only (its version, a hash, and
// the shapes of the operations our spec has), never its prose. Written by `spec:upstream --accept`; a record this
// tool did not write as it is (edited by hand, or of another format) is refused rather than trusted.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { factsOnly } from "./facts.js";
import { documentShapes, operationKey, UpstreamError, type DocumentShapes } from "./shapes.js";

export const RECORD_FILE = path.join("spec", "upstream.json");
const FORMAT = 1;

export { UpstreamError };

export interface DocumentFacts {
  title: string | undefined;
  version: string;
  /**
   * sha256 of the document's facts (its JSON without prose, see facts.ts): Belvo changes its document without
   * changing its version, and a facts-only copy is the same document.
   */
  sha256: string;
}

export interface UpstreamRecord {
  /** This file's format: a record of another format is refused. */
  format: number;
  document: DocumentFacts;
  /** sha256 of `operations` as written: a record edited by hand is refused. */
  factsSha256: string;
  operations: DocumentShapes;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** An OpenAPI 3 document from a JSON or YAML file. */
export async function readDocument(file: string): Promise<Record<string, any>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UpstreamError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    const { parseYaml } = await import("@redocly/openapi-core");
    try {
      document = parseYaml(text);
    } catch (error) {
      throw new UpstreamError(`${file} is neither JSON nor YAML: ${(error as Error).message}`);
    }
  }
  const doc = document as Record<string, any> | null;
  if (typeof doc?.openapi !== "string" || !doc.openapi.startsWith("3.") || typeof doc.paths !== "object") {
    throw new UpstreamError(`${file} is not an OpenAPI 3 document (no "openapi": "3.x" and "paths")`);
  }
  if (typeof doc.info?.version !== "string") throw new UpstreamError(`${file} has no info.version`);
  return doc;
}

/**
 * What a record holds of a document: its facts, for the operations our spec has (`METHOD /path` keys, ours, in the
 * order given), matched whatever their path parameters are called. None of them in the document is an error: it is not the one we follow.
 */
export function recordOf(document: Record<string, any>, operations: Iterable<string>): UpstreamRecord {
  const only = new Map([...operations].map((key) => [operationKey(...(key.split(" ", 2) as [string, string])), key]));
  const found = documentShapes(document, { only });
  // In the order given (the record's own, then what is added), so that recording more operations only appends.
  const shapes = Object.fromEntries([...only.values()].filter((key) => key in found).map((key) => [key, found[key]!]));
  if (Object.keys(shapes).length === 0) {
    throw new UpstreamError(`the document has none of the spec's operations (${[...only.values()].join(", ")})`);
  }
  return {
    format: FORMAT,
    document: {
      title: document.info.title,
      version: document.info.version,
      sha256: sha256(JSON.stringify(factsOnly(document))),
    },
    factsSha256: sha256(JSON.stringify(shapes)),
    operations: shapes,
  };
}

export async function writeRecord(root: string, record: UpstreamRecord): Promise<void> {
  await writeFile(path.join(root, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

export async function readRecord(root: string): Promise<UpstreamRecord> {
  let record: UpstreamRecord;
  try {
    record = JSON.parse(await readFile(path.join(root, RECORD_FILE), "utf8")) as UpstreamRecord;
  } catch (error) {
    throw new UpstreamError(
      `cannot read ${RECORD_FILE} (${(error as Error).message}): record the document the spec follows with --accept`,
    );
  }
  if (record.format !== FORMAT || record.factsSha256 !== sha256(JSON.stringify(record.operations))) {
    throw new UpstreamError(
      `${RECORD_FILE} was not written by this version of the tool as it is (edited by hand, or of another format): ` +
        `record the document the spec follows again with --accept`,
    );
  }
  return record;
}
