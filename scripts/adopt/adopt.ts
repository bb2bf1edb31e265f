// `spec:adopt` as a function of a project root, a Belvo document and the operations wanted: picks them, refuses what
// the client cannot call faithfully (the generator's own checks say why), writes the plan (plan.ts) into spec/,
// replaces each of Belvo's examples that our lint finds invalid by a generated one, writes the code samples, records
// the adopted facts in spec/upstream.json and checks that spec:upstream on the document stays at 0. Any failure
// after the first write puts every file back as it was.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderOperationRules } from "../generate/derive-operation-rules.js";
import { listOperations, operationsOf, type OpenApiDocument } from "../openapi/document.js";
import { editDistance, isNear } from "../../src/text/edit-distance.js";
import { resolveRef } from "../../src/openapi/ref.js";
import { projectPaths } from "../project/project.js";
import { bundleFile } from "../openapi/bundle.js";
import { specFileOf } from "../project/spec-files.js";
import { runUpstream, type UpstreamRun } from "../upstream/run.js";
import { readDocument, readRecord, recordOf, UpstreamError, writeRecord } from "../upstream/record.js";
import { differences, flatten } from "../upstream/compare.js";
import { operationKey } from "../upstream/shapes.js";
import { curlSample, typescriptSample } from "./code-samples.js";
import { camelCase, sentenceOf } from "./convert.js";
import { planAdoption, type Plan, type PlannedOperation } from "./plan.js";
import { exampleChecker } from "./validate.js";

type Node = Record<string, any>;

/** A request adopt cannot carry out (exit 2): one line, no stack. */
export class AdoptError extends UpstreamError {}

export interface Refusal {
  operation: string;
  reason: string;
}

export interface AdoptRun {
  adopted: PlannedOperation[];
  refused: Refusal[];
  /** `--all`: operations the spec already has. */
  present: number;
  written: string[];
  notes: string[];
  /** spec:upstream on the document after adopting (none when nothing was adopted). */
  upstream?: UpstreamRun;
}

/** The lint rules that check examples: a finding of theirs on an example adopt wrote replaces it by a generated one. */
const FORMAT_RULE = "example meets its schema's formats (ajv-formats)";
const EXAMPLE_RULES = new Set(["no-invalid-media-type-examples", "no-invalid-parameter-examples", FORMAT_RULE]);
/** Generated examples tried for one slot before its operation is refused (each starts unions from another branch). */
const SAMPLE_ATTEMPTS = 6;

/** Adopts `wanted` (or, with `all`, every operation the spec lacks) from `documentFile`, read from `root` if relative. */
export async function runAdopt(
  root: string,
  documentFile: string,
  wanted: readonly string[],
  { all = false } = {},
): Promise<AdoptRun> {
  const paths = projectPaths(root);
  const doc = await readDocument(path.resolve(root, documentFile));
  const ours = (await bundleFile(paths.specEntry)) as OpenApiDocument;

  // The operations the spec has must be as the recorded document has them: adopting from another document would
  // accept its changes to them unseen.
  const record = await readRecord(root);
  const current = recordOf(doc, Object.keys(record.operations)).operations;
  // By spec:upstream's own comparison: the same facts in another order, or anchored otherwise, are no difference.
  const differing = Object.entries(record.operations)
    .filter(
      ([key, facts]) =>
        !current[key] || differences(flatten({ [key]: facts }), flatten({ [key]: current[key] })).length,
    )
    .map(([key]) => (current[key] ? key : `${key} (not in it)`));
  if (differing.length) {
    throw new AdoptError(
      `${documentFile} (${doc.info.version}) differs from the recorded document (${record.document.version}) on ` +
        `operations the spec has: ${differing.join(", ")}: run spec:upstream on it, follow it and --accept it, then adopt`,
    );
  }

  const { accepted, refused, present } = select(doc, ours, all ? undefined : wanted);
  const existing = new Set(await filesUnder(root, "spec"));
  const pathFiles = new Map<string, string>();
  for (const apiPath of Object.keys(ours.paths ?? {})) pathFiles.set(apiPath, await specFileOf(paths, apiPath));
  const planFor = (selected: BelvoOperation[]) => planAdoption({ doc, ours, pathFiles, existing, selected });

  // Planned one by one first: an operation the plan cannot write (an error response with no code) is refused alone.
  let candidates = accepted.filter((operation) => {
    try {
      planFor([operation]);
      return true;
    } catch (error) {
      refused.push({ operation: labelOf(operation), reason: (error as Error).message });
      return false;
    }
  });
  // An operation whose files do not lint (no valid example could be made) is refused, the rest written again.
  for (;;) {
    // Nothing to adopt: nothing is written, the record included.
    if (candidates.length === 0) return { adopted: [], refused, present, written: [], notes: [] };
    const plan = planFor(candidates);
    const files = new Files(root);
    // Interrupted (Ctrl-C), the run puts every file back before it exits, as a failed one does.
    const interrupted = (signal: NodeJS.Signals) =>
      void files.restore().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
    try {
      const upstream = await writeAdoption(files, plan, doc, ours, documentFile, Object.keys(record.operations));
      return { adopted: plan.operations, refused, present, written: files.changed(), notes: plan.notes, upstream };
    } catch (error) {
      await files.restore();
      const failed = error instanceof LintRefusal ? error.operations : new Map<string, string>();
      const left = candidates.filter((c) => !failed.has(keyOf(c)));
      if (left.length === candidates.length) throw error;
      for (const operation of candidates) {
        if (failed.has(keyOf(operation)))
          refused.push({ operation: labelOf(operation), reason: failed.get(keyOf(operation))! });
      }
      candidates = left;
    } finally {
      process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    }
  }
}

const keyOf = (operation: BelvoOperation) => `${operation.method.toUpperCase()} ${operation.path}`;
const labelOf = (operation: BelvoOperation) => `${keyOf(operation)} (${operation.operationId})`;

/**
 * The operations asked for (all when `wanted` is undefined), less those the spec has (refused when named, counted
 * with --all) and those the client could not call faithfully (refused, with the generator's reason).
 */
function select(doc: Node, ours: OpenApiDocument, wanted: readonly string[] | undefined) {
  const theirs = belvoOperations(doc);
  const oursByKey = new Map(listOperations(ours).map((entry) => [operationKey(entry.method, entry.path), entry]));
  const ids = new Set([...oursByKey.values()].map((entry) => entry.operationId));
  const accepted: BelvoOperation[] = [];
  const refused: Refusal[] = [];
  let present = 0;
  for (const operation of new Set(wanted ? wanted.map((name) => pick(theirs, name)) : theirs)) {
    const mine = oursByKey.get(operationKey(operation.method, operation.path));
    const reason = mine
      ? `the spec has it already, as ${mine.operationId}`
      : whyNot(doc, operation, ids, Object.keys(ours.paths ?? {}));
    if (mine && !wanted) present++;
    else if (reason) refused.push({ operation: labelOf(operation), reason });
    else {
      accepted.push(operation);
      ids.add(camelCase(operation.operationId));
    }
  }
  return { accepted, refused, present };
}

/** Operations (`METHOD /path` → why) whose files do not lint: no valid example could be made, or Belvo's schema. */
class LintRefusal extends AdoptError {
  constructor(readonly operations: Map<string, string>) {
    super([...operations].map(([operation, reason]) => `${operation}: ${reason}`).join("\n"));
  }
}

async function writeAdoption(
  files: Files,
  plan: Plan,
  doc: Node,
  ours: OpenApiDocument,
  documentFile: string,
  recorded: string[],
): Promise<UpstreamRun> {
  for (const example of plan.examples) {
    if (example.value !== undefined) continue;
    const note =
      "Generated from the schema by openapi-sampler: the document adopted from gives no example here (spec:adopt).";
    example.set(example.generate(), note);
    example.generated = true;
    plan.notes.push(`${example.label}: generated (the document gives none)`);
  }
  await writePlan(files, plan);
  const server = ours.servers?.find((s) => s["x-environment"] === "sandbox")?.url ?? ours.servers?.[0]?.url ?? "";
  const writeSamples = async () => {
    for (const operation of plan.operations) {
      const name = operation.codeSample;
      await files.write(`spec/code-samples/${name}.ts`, typescriptSample(operation, sentenceOf(operation.theirs)));
      await files.write(`spec/code-samples/${name}.sh`, curlSample(operation, server));
    }
  };
  await writeSamples(); // the spec refers to them: the lint reads them
  const settled = await settleExamples(files, plan);
  await writeSamples(); // with the examples as settled
  await files.format();
  // Each adopted operation is in the spec, under its own name: nothing written over another.
  const written = new Map(listOperations(settled).map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.operationId]));
  const lost = plan.operations.filter((operation) => written.get(operation.key) !== operation.operationId);
  if (lost.length)
    throw new AdoptError(`not in the spec as written: ${lost.map((o) => o.key).join(", ")} (a bug of spec:adopt)`);
  await files.keep("spec/upstream.json");
  await writeRecord(files.root, recordOf(doc, [...recorded, ...plan.operations.map((operation) => operation.key)]));
  const upstream = await runUpstream(files.root, documentFile);
  if (!upstream.ok) {
    const left = [...upstream.changes.filter((c) => c.spec === "todo"), ...upstream.unexplained];
    throw new AdoptError(`spec:upstream would not exit 0 after adopting: ${JSON.stringify(left.slice(0, 3))}`);
  }
  return upstream;
}

interface BelvoOperation {
  method: string;
  path: string;
  operationId: string;
}

function belvoOperations(doc: Node): BelvoOperation[] {
  return operationsOf(doc).map(({ method, path: apiPath, operation }) => {
    if (typeof operation.operationId !== "string") {
      throw new AdoptError(`${method.toUpperCase()} ${apiPath} has no operationId in the document`);
    }
    return { method, path: apiPath, operationId: operation.operationId };
  });
}

/** An operation by Belvo's operationId or by `METHOD /path` (path parameters' names aside). */
function pick(operations: BelvoOperation[], name: string): BelvoOperation {
  const [method, apiPath] = name.split(" ", 2);
  const key = apiPath === undefined ? undefined : operationKey(method!, apiPath);
  const found = operations.find((o) =>
    key ? operationKey(o.method, o.path) === key : o.operationId === name || camelCase(o.operationId) === name,
  );
  if (!found) {
    const names = operations.flatMap((o) => [o.operationId, `${o.method.toUpperCase()} ${o.path}`]);
    // A typo away, as the client's own "did you mean" goes, the nearest first; one further off is no suggestion.
    const distance = (candidate: string) => editDistance(candidate.toLowerCase(), name.toLowerCase());
    const close = names
      .filter((candidate) => isNear(candidate.toLowerCase(), name.toLowerCase()))
      .sort((a, b) => distance(a) - distance(b))
      .slice(0, 3)
      .map((candidate) => JSON.stringify(candidate));
    throw new AdoptError(
      `the document has no operation ${JSON.stringify(name)} (an operationId or "METHOD /path"); ` +
        (close.length > 0
          ? `did you mean ${close.join(" or ")}?`
          : `none of its ${operations.length} operations has a name close to it`),
    );
  }
  return found;
}

/** Why the client could not call the operation faithfully, in the generator's own words; undefined when it can. */
function whyNot(
  doc: Node,
  operation: BelvoOperation,
  ids: Set<string>,
  ourPaths: readonly string[],
): string | undefined {
  const operationId = camelCase(operation.operationId);
  if (operationId === "") return "its operationId has no ASCII letter or digit to name a method by";
  if (ids.has(operationId))
    return `its method name ${operationId} is taken by another operation of the spec or of this run`;
  if (/[\u0000-\u001f\u007f]/.test(operation.path)) return "its path has a control character";
  const same = ourPaths.find(
    (p) => p !== operation.path && operationKey("get", p) === operationKey("get", operation.path),
  );
  if (same) return `its path is the spec's ${same} with other parameter names: rename them in the document to adopt it`;
  const item = doc.paths[operation.path] as Node;
  const own = item[operation.method] as Node;
  // What the client does for every call, that this operation would want otherwise.
  if (own.servers) return "it has servers of its own: the client sends every operation to the one server it is given";
  if (own.security && JSON.stringify(own.security) !== JSON.stringify(doc.security)) {
    return "its security differs from the document's: the client authenticates every call with Basic auth";
  }
  const alone = {
    ...doc,
    servers: [{ url: "https://sandbox.belvo.com", "x-environment": "sandbox" }],
    paths: {
      [operation.path]: {
        ...(item.parameters ? { parameters: item.parameters } : {}),
        [operation.method]: { ...item[operation.method], operationId },
      },
    },
  };
  try {
    // A parameter whose $ref points nowhere is refused in the words of the generator, which follows it too.
    const content = [...(item.parameters ?? []), ...(own.parameters ?? [])]
      .map((p: Node) => resolveRef<Node>(doc, p))
      .find((p: Node) => p.content !== undefined);
    if (content) return `its parameter ${content.name} is given as content, which the client does not serialize`;
    renderOperationRules(alone as unknown as OpenApiDocument);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^\S+ \S+ \(\S+\): /, "");
  }
}

/** Writes the plan's files, the methods added to existing path files, and the root's new paths and tags. */
async function writePlan(files: Files, plan: Plan): Promise<void> {
  const { stringifyYaml } = await import("@redocly/openapi-core");
  for (const [file, value] of plan.files) await files.write(file, stringifyYaml(value));
  for (const [file, methods] of plan.appends) {
    await files.write(file, `${await files.read(file)}\n${stringifyYaml(methods)}`);
  }
  let rootText = await files.read("spec/openapi.yaml");
  rootText = insertInto(
    rootText,
    "paths",
    plan.rootPaths.map(([apiPath, ref]) => `  ${yamlString(apiPath)}:\n    $ref: ${yamlString(ref)}\n`),
  );
  rootText = insertInto(
    rootText,
    "tags",
    plan.rootTags.map(
      (tag) =>
        `  - name: ${JSON.stringify(tag)}\n    description: ${JSON.stringify(`Operations Belvo's document files under ${tag}.`)}\n`,
    ),
  );
  await files.write("spec/openapi.yaml", rootText);
}

/** A plain YAML scalar where it is one, or a JSON string (also YAML): a path with `:` or `#` stays one string. */
function yamlString(text: string): string {
  return /^[A-Za-z0-9_/{}.-]+$/.test(text) ? text : JSON.stringify(text);
}

/** Adds lines at the end of a top-level block (`paths:`, `tags:`) of the root document, keeping the rest as it is. */
function insertInto(text: string, block: string, entries: string[]): string {
  if (entries.length === 0) return text;
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line === `${block}:`);
  if (start === -1) throw new AdoptError(`spec/openapi.yaml has no top-level ${block}: block to add to`);
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith(" ") || lines[end] === "")) end++;
  while (end > start + 1 && lines[end - 1] === "") end--;
  lines.splice(end, 0, ...entries.join("").replace(/\n$/, "").split("\n"));
  return lines.join("\n");
}

/**
 * Lints the spec as written; each example of Belvo's that a lint rule finds invalid is replaced by one generated from
 * the schema, with a note saying why. Any other finding, or a generated example that is invalid too, fails the run.
 * Gives the spec as settled, bundled.
 */
async function settleExamples(files: Files, plan: Plan): Promise<OpenApiDocument> {
  for (;;) {
    // The lint's findings, then what it does not check (formats), each on the example it is about.
    const linted = await lintProblems(files.root);
    const bundled = linted.length ? undefined : await bundleFile(projectPaths(files.root).specEntry);
    const check = bundled && exampleChecker(bundled);
    const problems = check
      ? plan.examples.flatMap((example) => {
          const message = check(example);
          return message ? [{ rule: FORMAT_RULE, message, file: example.file, pointer: example.pointer }] : [];
        })
      : linted;
    if (bundled && problems.length === 0) return bundled; // the spec as settled
    const fixed = new Map<(typeof plan.examples)[number], number>(); // → the attempt to write next
    const fatal: string[] = [];
    const failed = new Map<string, string>();
    for (const problem of problems) {
      const example = plan.examples.find(
        (e) => e.file === problem.file && problem.pointer.startsWith(e.pointer) && EXAMPLE_RULES.has(problem.rule),
      );
      const attempt = example && (example.generated ? example.attempt + 1 : 0);
      if (example && attempt !== undefined && attempt < SAMPLE_ATTEMPTS) {
        if (!example.generated && !fixed.has(example)) {
          plan.notes.push(`${example.label}: generated (Belvo's does not validate: ${problem.message})`);
        }
        fixed.set(example, attempt);
        continue;
      }
      const reason = example
        ? `no valid example for ${example.label}: ${SAMPLE_ATTEMPTS} generated ones fail too (${problem.message})`
        : `the spec would not lint: ${problem.file}#${problem.pointer} ${problem.rule}: ${problem.message}`;
      const operation = example?.operation ?? ownerOf(plan, problem.file, problem.pointer);
      if (operation) failed.set(operation, failed.get(operation) ?? reason);
      else fatal.push(`${problem.file}#${problem.pointer} ${problem.rule}: ${problem.message}`);
    }
    if (fatal.length) throw new AdoptError(`the spec does not lint after adopting:\n${fatal.join("\n")}`);
    if (failed.size) throw new LintRefusal(failed);
    for (const [example, attempt] of fixed) {
      const why = example.generated
        ? "the document adopted from gives no example here"
        : "Belvo's example does not validate";
      example.set(example.generate(attempt), `Generated from the schema by openapi-sampler: ${why} (spec:adopt).`);
      example.generated = true;
      example.attempt = attempt;
    }
    const { stringifyYaml } = await import("@redocly/openapi-core");
    for (const file of new Set([...fixed.keys()].map((e) => e.file))) {
      const value = plan.files.get(file);
      if (value) await files.write(file, stringifyYaml(value));
      else {
        const methods = plan.appends.get(file)!;
        await files.write(file, `${files.original(file)}\n${stringifyYaml(methods)}`);
      }
    }
  }
}

/** The adopted operation a file (and, in a path file, a pointer under one method) was written for. */
function ownerOf(plan: Plan, file: string, pointer: string): string | undefined {
  const method = pointer.split("/")[1];
  const operation = plan.operations.find((o) => o.file === file && o.method === method);
  return operation?.key ?? plan.owners.get(file);
}

/** The project's lint of the spec as written (scripts/generate/lint-spec.mjs), each finding by rule, file and pointer. */
async function lintProblems(root: string) {
  const { lintProblems: lint } = await import("../generate/lint-spec.mjs");
  const problems = await lint(root, projectPaths(root).specEntry);
  return problems.map((problem) => {
    const location = problem.location[0];
    return {
      rule: problem.ruleId,
      message: problem.message,
      file: location ? path.relative(root, location.source.absoluteRef) : "spec/openapi.yaml",
      pointer: (location?.pointer ?? "").replace(/^#/, ""),
    };
  });
}

async function filesUnder(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** The files a run touches, each one's content before it, so that a failed run puts every one back. */
class Files {
  private readonly before = new Map<string, string | undefined>();

  constructor(readonly root: string) {}

  read(file: string): Promise<string> {
    return readFile(path.join(this.root, file), "utf8");
  }

  /** The content before this run (the file as it was). */
  original(file: string): string {
    return this.before.get(file) ?? "";
  }

  async keep(file: string): Promise<void> {
    if (this.before.has(file)) return;
    const full = path.join(this.root, file);
    this.before.set(file, existsSync(full) ? await readFile(full, "utf8") : undefined);
  }

  async write(file: string, text: string): Promise<void> {
    await this.keep(file);
    await mkdir(path.dirname(path.join(this.root, file)), { recursive: true });
    await writeFile(path.join(this.root, file), text);
  }

  changed(): string[] {
    return [...this.before.keys()].sort();
  }

  /** Formats what was written as `prettier --check` expects it. */
  async format(): Promise<void> {
    const prettier = await import("prettier");
    for (const file of this.before.keys()) {
      const full = path.join(this.root, file);
      const { ignored, inferredParser } = await prettier.getFileInfo(full, {
        ignorePath: path.join(this.root, ".prettierignore"),
      });
      if (ignored || !inferredParser || !existsSync(full)) continue;
      const options = await prettier.resolveConfig(full);
      await writeFile(full, await prettier.format(await readFile(full, "utf8"), { ...options, filepath: full }));
    }
  }

  /** Puts every file back; one that cannot be is named, after all the others are back. */
  async restore(): Promise<void> {
    const failed: string[] = [];
    for (const [file, text] of this.before) {
      const full = path.join(this.root, file);
      await (text === undefined ? rm(full, { force: true }) : writeFile(full, text)).catch(() => failed.push(file));
    }
    this.before.clear();
    if (failed.length) throw new AdoptError(`could not put back ${failed.join(", ")}: see git status`);
  }
}
