// spec:upstream: the three-way report of Belvo's published document (theirs) against the one the spec follows (the
// record, base) and the spec (ours). On project copies: Belvo's real 1.59.0 as the base with 1.223.0 as the new
// release, and a synthetic next release with one change of each kind, each todo until the spec takes it.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runUpstream, type UpstreamRun } from "../../scripts/upstream/run.js";
import { factsOnly } from "../../scripts/upstream/facts.js";
import { recordOf, RECORD_FILE, UpstreamError } from "../../scripts/upstream/record.js";
import { baselineCopy } from "../helpers/baseline-spec.js";
import { runScript, type CommandRun } from "../helpers/commands.js";
import { copyProject, repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { operations } from "../helpers/spec-validator.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

// Belvo's documents as facts only, committed (`npm run spec:facts` made them): nothing is read from beside the clone.
const FIXTURES = path.join(repoRoot, "test", "fixtures");
const RELEASE = path.join(FIXTURES, "belvo-1.223.0-cut.facts.json");
const OLDER = path.join(FIXTURES, "belvo-1.59.0-cut.facts.json");
const record = JSON.parse(await readFile(path.join(repoRoot, RECORD_FILE), "utf8"));
const factFiles = async () => (await readdir(FIXTURES)).filter((name) => name.endsWith(".facts.json"));
/**
 * The committed facts-only copy of the document spec/upstream.json records (found by its hash): the document the spec
 * follows, whichever that is after operations were adopted from one. Its tests fail without it, and only they.
 */
const followed = (async () => {
  for (const name of await factFiles()) {
    const document = JSON.parse(await readFile(path.join(FIXTURES, name), "utf8"));
    const hash = (() => {
      try {
        return recordOf(document, Object.keys(record.operations)).document.sha256;
      } catch (error) {
        if (error instanceof UpstreamError) return undefined; // none of the recorded operations: another cut
        throw error;
      }
    })();
    if (hash === record.document.sha256) return path.join(FIXTURES, name);
  }
  throw new Error(
    `no file in test/fixtures/ is the document ${RECORD_FILE} records (${record.document.version}): write its facts ` +
      "there, the whole document, with `npm run spec:facts -- <belvo-document.json> test/fixtures/<name>.facts.json`",
  );
})();
followed.catch(() => {}); // each test that needs it fails with it
const PUT = "PUT /api/links/{id}/";
const PATCH = "PATCH /api/owners/";

/** The CLI as a user runs it: its exit code and output. */
const cli = (root: string, ...args: string[]) => runScript(root, "spec-upstream.ts", args);
type CliRun = CommandRun;
/** The CLI runs that need no copy of their own, or one made for them alone: started two at a time before the tests. */
let runs: Record<"followed" | "missing" | "notOpenApi" | "handEdited", Promise<CliRun>>;
let handEdited: ProjectCopy | undefined;
beforeAll(() => {
  const queue = twoAtATime();
  const run = (job: () => Promise<CliRun>) => later(queue(job));
  runs = {
    followed: run(async () => cli(repoRoot, await followed, "--json")),
    missing: run(() => cli(repoRoot, "no-such-file.json")),
    notOpenApi: run(() => cli(repoRoot, "package.json")),
    // A record edited by hand, in a copy.
    handEdited: run(async () => {
      handEdited = await copyProject();
      const file = path.join(handEdited.root, RECORD_FILE);
      await writeFile(file, (await readFile(file, "utf8")).replace('"maxLength": 256', '"maxLength": 255'));
      return cli(handEdited.root, RELEASE);
    }),
  };
});
afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await handEdited?.remove();
});

/** The changes at a place; `where` is matched without the component a place may name after it (`(Link)`). */
const changesAt = (run: UpstreamRun, operation: string, where: RegExp) =>
  run.changes.filter((change) => change.operation === operation && where.test(change.where.replace(/ \(\w+\)$/, "")));

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("spec:upstream against the document the spec follows", { timeout: 120_000 }, () => {
  it("exits 0: nothing todo, every standing difference explained by an x-deviation", async () => {
    const { code, stdout } = await runs.followed;
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.recorded).toEqual(report.upstream);
    expect(report.changes).toEqual([]);
    expect(report.unexplained).toEqual([]);
  });

  it("has it recorded: spec/upstream.json is what --accept writes for it, facts only", async () => {
    const document = JSON.parse(await readFile(await followed, "utf8"));
    const ours = new Set(operations().map(({ method, path: route }) => `${method.toUpperCase()} ${route}`));
    // The same document and facts, in whichever order: --accept writes the spec's, spec:adopt appends what it adds.
    const { document: facts, operations: shapes } = recordOf(document, ours);
    expect(record).toMatchObject({ document: facts });
    expect(record.operations).toEqual(shapes);
    // No prose of Belvo's: no description, summary or example anywhere in it (a property may have such a name).
    const prose: string[] = [];
    const walk = (node: unknown, at: string[]): void => {
      if (typeof node !== "object" || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (/^(description|summary|examples?)$/.test(key) && at.at(-1) !== "properties")
          prose.push([...at, key].join("/"));
        walk(value, [...at, key]);
      }
    };
    walk(record, []);
    expect(prose).toEqual([]);
  });

  it("exits 2 for a file that cannot be read or is not OpenAPI", async () => {
    expect(await runs.missing).toMatchObject({
      code: 2,
      stderr: /cannot read no-such-file\.json/,
    });
    expect(await runs.notOpenApi).toMatchObject({ code: 2, stderr: /is not an OpenAPI 3 document/ });
  });
});

describe("the committed fixtures", () => {
  it("are Belvo's documents as facts only: no summary or example prose, descriptions only as error anchors", async () => {
    for (const name of await factFiles()) {
      const text = await readFile(path.join(FIXTURES, name), "utf8");
      const document = JSON.parse(text);
      expect(factsOnly(document)).toEqual(document); // what spec:facts writes, and idempotent
      expect(text).not.toMatch(/"(summary|examples|x-code-samples)"/);
      for (const [, description] of text.matchAll(/"description": "([^"]*)"/g)) {
        expect(description).toMatch(/^belvo-api-errors#\d{3}-[a-z0-9_]+( belvo-api-errors#\d{3}-[a-z0-9_]+)*$/);
      }
    }
  });
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
// On a copy with the baseline spec: the two releases replayed against the operations they describe.
describe("spec:upstream on a project copy", { timeout: 120_000 }, () => {
  let copy: ProjectCopy;
  beforeEach(async () => void (copy = await baselineCopy()));
  afterEach(() => copy.remove());

  it("refuses a record edited by hand, with what to do", async () => {
    const { code, stderr } = await runs.handEdited;
    expect(code).toBe(2);
    expect(stderr).toMatch(/spec\/upstream\.json was not written by this version of the tool as it is.*--accept/);
  });

  it("with 1.59.0 recorded, reports what Belvo changed by 1.223.0, each with the spec's state", async () => {
    await runUpstream(copy.root, OLDER, { accept: true });
    const run = await runUpstream(copy.root, RELEASE);

    // The PUT body lost three fields: the spec never had them.
    for (const field of ["username_type", "certificate", "private_key"]) {
      expect(changesAt(run, PUT, new RegExp(`^request body: LinksPutRequest\\.${field}$`))).toEqual([
        expect.objectContaining({ fact: "removed", after: undefined, spec: "agrees" }),
      ]);
    }
    // Two notes were written against 1.223.0 for what 1.223.0 changed: the legacy owner shape that left the 200/201
    // oneOf (the spec keeps it) and external_id's type (the spec keeps it nullable). Against a 1.59.0 record, which
    // agreed with the spec on both, each is a new difference on a noted node: todo until the spec follows it or
    // 1.223.0 is accepted with the note, as the spec's record has it (the test above: exit 0).
    expect(run.changes.filter((change) => change.spec === "todo").map(({ where, fact }) => [where, fact])).toEqual([
      ["responses 200, 201: OwnerStandard", "removed"],
      ["response 200: Link.external_id", "type"],
    ]);
    // Both operations gained a 403, which the spec has.
    for (const operation of [PUT, PATCH]) {
      expect(changesAt(run, operation, /^response 403$/)).toEqual([
        expect.objectContaining({ fact: "added", spec: "agrees" }),
      ]);
    }
    // token_generation_data moved inline: the same shape, so no change.
    expect(run.changes.filter((change) => /token_generation_data|TokenGenerationData/.test(change.where))).toEqual([]);
    expect(run.ok).toBe(false);
    await runUpstream(copy.root, RELEASE, { accept: true });
    expect((await runUpstream(copy.root, RELEASE)).ok).toBe(true);
  });

  it("reports a synthetic release's five kinds of change as todo, exit 1, and each as agrees once the spec has it", async () => {
    await runUpstream(copy.root, RELEASE, { accept: true });
    const next = JSON.parse(await readFile(RELEASE, "utf8"));
    const schemas = next.components.schemas;
    schemas.Link.properties.renewed_at = { type: "string", format: "date-time" }; // a field added
    schemas.EnumLinkStatus.enum.push("expired"); // an enum value added
    delete schemas.Link.properties.stale_in; // a response field removed
    schemas.PatchBody.properties.institution = { type: "string" }; // a request field added
    schemas.OwnerIndividualFinancialRelation.properties.product_services_additional_info.maxLength = 50; // tightened
    // Under a node whose x-deviation is about something else: still todo, not explained by that note.
    schemas.LinksPutRequest.properties.otp = { type: "string" };
    schemas.LinksPutRequest.required.push("otp");
    // A field removed whose x-deviation is about its pattern: the note does not cover a new difference on its node.
    delete schemas.Link.properties.institution_user_id;
    // A path parameter renamed is the same operation: no change.
    next.paths["/api/links/{link_id}/"] = next.paths["/api/links/{id}/"];
    delete next.paths["/api/links/{id}/"];
    next.paths["/api/links/{link_id}/"].put.parameters[0].name = "link_id";
    const nextFile = path.join(copy.root, "belvo-next.json");
    await writeFile(nextFile, JSON.stringify(next));

    const expected = [
      [PUT, /^response 200: Link\.renewed_at$/, "added"],
      [PUT, /^response 200: Link\.status$/, "enum"],
      [PUT, /^response 200: Link\.stale_in$/, "removed"],
      [PUT, /^response 200: Link\.institution_user_id$/, "removed"],
      [PATCH, /^request body: PatchBody\.institution$/, "added"],
      [PUT, /^request body: LinksPutRequest\.otp$/, "added"],
      [
        PATCH,
        /^responses 200, 201: OwnerIndividualOpenFinanceBrazil\.financial_relation\.product_services_additional_info$/,
        "maxLength",
      ],
    ] as const;
    const before = await runUpstream(copy.root, nextFile);
    for (const [operation, where, fact] of expected) {
      const found = changesAt(before, operation, where);
      expect(found.length, String(where)).toBeGreaterThan(0);
      for (const change of found) expect(change, String(where)).toMatchObject({ fact, spec: "todo" });
    }
    expect(changesAt(before, PUT, /^response 200: Link\.status$/)[0]).toMatchObject({
      before: ["invalid", "token_required", "unconfirmed", "valid"],
      after: ["expired", "invalid", "token_required", "unconfirmed", "valid"],
      file: "spec/components/schemas/Link.yaml",
    });
    // The tightened owners field is in both owners operations' responses: 8 in all.
    expect(before.changes.filter((change) => change.spec === "todo")).toHaveLength(8);
    // An added field names the schema's file, the one to edit.
    expect(changesAt(before, PATCH, /^request body: PatchBody\.institution$/)[0]!.file).toBe(
      "spec/components/schemas/PatchBody.yaml",
    );
    expect(
      before.changes.filter(
        (change) => change.where.includes("link_id") || (change.fact === "removed" && change.where === PUT),
      ),
    ).toEqual([]);
    const { code, stdout } = await cli(copy.root, nextFile);
    expect(code).toBe(1);
    expect(stdout.split("\n").find((line) => line.trim().startsWith("todo"))).toMatch(/→ edit spec\//);

    // The spec takes three of them; those agree, the two others stay todo.
    const link = path.join(copy.root, "spec", "components", "schemas", "Link.yaml");
    const linkYaml = (await readFile(link, "utf8"))
      .replace(
        "enum: [valid, invalid, unconfirmed, token_required]",
        "enum: [valid, invalid, unconfirmed, token_required, expired]",
      )
      .replace(
        "  stale_in:\n",
        "  renewed_at:\n    type: string\n    format: date-time\n    description: When it was renewed.\n  stale_in:\n",
      );
    await writeFile(link, linkYaml);
    const relation = path.join(copy.root, "spec", "components", "schemas", "OwnerIndividualFinancialRelation.yaml");
    await writeFile(relation, (await readFile(relation, "utf8")).replace("maxLength: 100", "maxLength: 50"));
    const after = await runUpstream(copy.root, nextFile);
    const stateOf = (operation: string, where: RegExp) => changesAt(after, operation, where).map((c) => c.spec);
    expect(stateOf(PUT, expected[0][1])).toEqual(["agrees"]);
    expect(stateOf(PUT, expected[1][1])).toEqual(["agrees"]);
    expect(stateOf(PATCH, expected[6][1])).toEqual(["agrees"]);
    expect(stateOf(PUT, expected[2][1])).toEqual(["todo"]);
    expect(stateOf(PUT, expected[3][1])).toEqual(["todo"]);
    expect(stateOf(PATCH, expected[4][1])).toEqual(["todo"]);
    expect(after.ok).toBe(false);
  });
});
