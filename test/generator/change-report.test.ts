// The API change report: each change where it happens, marked breaking or not for code compiled against the types,
// printed by every `generate`, and `npm run spec:diff` exiting 1 on a breaking change.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specDiffCommand } from "../../scripts/change-report/command.js";
import { compareDocuments, renderChangelogSection, renderChangeReport } from "../../scripts/change-report/report.js";
import { repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { baselineBundle, baselineCopy } from "../helpers/baseline-spec.js";
import { inProcess, runScript } from "../helpers/commands.js";
import { generateInProcess } from "../helpers/run-generator.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

// The baseline's bundle: these tests edit its operations' schemas and count where each change shows, which operations
// adopted into the project since would multiply.
const bundled = baselineBundle;

describe("compareDocuments", () => {
  it("marks each change for a consumer of the types, at the operation it affects", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.components.schemas.LinksPutRequest.required.push("password2"); // a request field becomes required
    delete after.components.schemas.Link.properties.institution; // a response field disappears
    after.components.schemas.Link.properties.renewed_at = { type: "string" }; // a response field appears
    after.components.schemas.Link.description = "Reworded."; // documentation
    after.components.responses.NotFound["x-error-codes"].push("link_gone"); // a new documented code: a new guard

    const changes = compareDocuments(before, after);
    const at = (where: string) => changes.filter((change) => change.where === where);
    expect(at("PUT /api/links/{id}/")).toEqual(
      expect.arrayContaining([
        { kind: "breaking", where: "PUT /api/links/{id}/", description: expect.stringMatching(/required.*password2/) },
        { kind: "breaking", where: "PUT /api/links/{id}/", description: expect.stringMatching(/Removed.*institution/) },
        { kind: "non-breaking", where: "PUT /api/links/{id}/", description: expect.stringMatching(/renewed_at/) },
        {
          kind: "non-breaking",
          where: "PUT /api/links/{id}/",
          description: expect.stringMatching(/error code `link_gone` of Response 404/),
        },
        expect.objectContaining({ kind: "documentation" }),
      ]),
    );
    expect(renderChangeReport(changes)).toMatch(/→ breaking for code compiled against the types: .*major/);
    expect(renderChangeReport(compareDocuments(before, before))).toBe("API changes: none");
  });

  it("reports a change deep inside the owners' anyOf branches at the operation, as the types see it", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.components.schemas.OwnerParties.type = "object"; // items were nullable: a narrower type breaks no reader
    after.components.schemas.OwnerEmails.properties.email.type = ["string", "null"]; // a wider one does
    after.components.schemas.OwnerParties.properties.percentage_type.maximum = 100; // a validator: no type change
    delete after.components.schemas.OwnerStandard.properties.email; // a field of the standard owner is gone
    const changes = compareDocuments(before, after);
    // Both owners operations answer these shapes: each change is reported at each of them.
    const owners = ["POST /api/owners/", "PATCH /api/owners/"];
    const expected = [
      ["non-breaking", "[Replaced] type of `OwnerParties`: object | null → object in Responses 200, 201"],
      ["breaking", "[Replaced] type of `OwnerEmails.email`: string → string | null in Responses 200, 201"],
      ["non-breaking", "[Replaced] maximum of `OwnerParties.percentage_type`: 1 → 100 in Responses 200, 201"],
      ["breaking", "[Removed] property `email` of `OwnerStandard` in Responses 200, 201"],
    ];
    expect(changes).toHaveLength(expected.length * owners.length);
    expect(changes).toEqual(
      expect.arrayContaining(
        owners.flatMap((where) => expected.map(([kind, description]) => ({ kind, where, description }))),
      ),
    );
  });

  it("reports a change to a schema used by a request at its operation, as a caller's code sees it", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.components.schemas.PatchBody.required.push("token"); // a field the caller must now send
    expect(compareDocuments(before, after)).toEqual([
      {
        kind: "breaking",
        where: "PATCH /api/owners/",
        description: "[Added] required `token` of `PatchBody` in Request Body",
      },
    ]);
    const loosened = structuredClone(before);
    loosened.components.schemas.PatchBody.required = []; // fields the caller may now leave out
    expect(compareDocuments(before, loosened).map(({ kind }) => kind)).toEqual(["non-breaking", "non-breaking"]);
  });

  it("calls breaking what widens a response, tightens a request, or changes what the client retries or redacts", async () => {
    const before = await bundled();
    const kindsAfter = (edit: (doc: any) => void) => {
      const after = structuredClone(before);
      edit(after);
      return [...new Set(compareDocuments(before, after).map((change) => change.kind))];
    };
    const schemas = (doc: any) => doc.components.schemas;
    // A token field no longer single-use would be re-sent; a password no longer `format: password`, shown.
    expect(kindsAfter((doc) => delete schemas(doc).LinksPutRequest.properties.token["x-single-use"])).toEqual([
      "breaking",
    ]);
    expect(kindsAfter((doc) => delete schemas(doc).LinksPutRequest.properties.password.format)).toEqual(["breaking"]);
    // A response's enum value gained widens its type; a request's new limit refuses what was sent before.
    expect(kindsAfter((doc) => schemas(doc).Link.properties.status.enum.push("zombie"))).toEqual(["breaking"]);
    expect(kindsAfter((doc) => (schemas(doc).LinksPutRequest.properties.password.maxLength = 3))).toEqual(["breaking"]);
    // The same limit on a response reads the same code: no break.
    expect(kindsAfter((doc) => (schemas(doc).Link.properties.status.maxLength = 30))).toEqual(["non-breaking"]);
  });

  it("reads a 3.0 document's nullable as 3.1's type arrays: the same API in either version is no change", async () => {
    const before = await bundled();
    const as30 = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(as30);
      if (typeof node !== "object" || node === null) return node;
      const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, as30(value)]));
      const types = copy.type as unknown;
      if (!Array.isArray(types) || types.length !== 2 || !types.includes("null")) return copy;
      return { ...copy, type: types.find((type) => type !== "null"), nullable: true };
    };
    expect(compareDocuments({ ...(as30(before) as object), openapi: "3.0.3" }, before)).toEqual([]);
  });

  it("counts a keyword the facts do not read (an operationId: a method name) as breaking", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.paths["/api/links/{id}/"].put.operationId = "renewLink";
    expect(compareDocuments(before, after)).toEqual([
      { kind: "breaking", where: "PUT /api/links/{id}/", description: "[Changed] operation.operationId" },
    ]);
  });

  it("keeps a response switched to another schema (a reference changed is not a change inside a component)", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    const { institution: _, ...properties } = after.components.schemas.Link.properties;
    after.components.schemas.LinkWithoutInstitution = { ...after.components.schemas.Link, properties };
    const { content } = after.paths["/api/links/{id}/"].put.responses["200"];
    content["application/json"].schema = { $ref: "#/components/schemas/LinkWithoutInstitution" };
    const changes = compareDocuments(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "breaking",
          where: "PUT /api/links/{id}/",
          description: expect.stringMatching(/institution/),
        }),
      ]),
    );
  });

  it("reports an edited named example, where it is defined, as documentation", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.components.examples.LinkValid.value.external_id = "customer-XXXXXX";
    expect(compareDocuments(before, after)).toEqual([
      expect.objectContaining({ kind: "documentation", where: "example LinkValid" }),
    ]);
  });

  it("calls additions a minor change and wording a patch", async () => {
    const before = await bundled();
    const added = structuredClone(before);
    added.components.schemas.Link.properties.renewed_at = { type: "string" };
    expect(renderChangeReport(compareDocuments(before, added))).toMatch(/0 breaking, \d+ non-breaking.*\n[\s\S]*minor/);
    const worded = structuredClone(before);
    worded.info.description = "Reworded.";
    expect(renderChangeReport(compareDocuments(before, worded))).toMatch(/0 breaking, 0 non-breaking[\s\S]*patch/);
  });
});

describe("renderChangelogSection", () => {
  it("writes the changes as the API part of a CHANGELOG.md entry: a bullet per change, documentation counted", async () => {
    const before = await bundled();
    const after = structuredClone(before);
    after.info.version = "1.224.0";
    delete after.components.schemas.Link.properties.institution;
    after.components.schemas.Link.properties.renewed_at = { type: "string" };
    after.components.schemas.Link.description = "Reworded.";
    const section = renderChangelogSection(compareDocuments(before, after), { before: "1.223.0", after: "1.224.0" });
    const [heading, breakingTitle, breaking, additiveTitle, additive, documentation, ...rest] = section.split("\n\n");
    expect(heading).toBe("### API (spec/, Belvo 1.223.0 → 1.224.0)");
    expect(breakingTitle).toBe("Breaking for code compiled against the types:");
    expect(breaking).toBe("- `PUT /api/links/{id}/`: [Removed] property `institution` of `Link` in Response 200");
    expect(additiveTitle).toBe("Non-breaking:");
    expect(additive).toMatch(/^- `PUT \/api\/links\/\{id\}\/`: \[Added\] property `renewed_at`/);
    expect(documentation).toMatch(/^Documentation: \d+ changes \(descriptions, examples, extensions\) in .*`document`/);
    expect(rest).toEqual([]);
    expect(renderChangelogSection([], { before: "1.223.0", after: "1.223.0" })).toBe(
      "### API (spec/, Belvo 1.223.0)\n\nNo changes.",
    );
  });
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("the report in generate, and npm run spec:diff", { timeout: 120_000 }, () => {
  let copy: ProjectCopy;
  let before: any;
  type Run = { code: number | null; stdout: string };
  /** The CLI runs, started two at a time in beforeAll, each test asserting on its own. */
  let runs: Record<
    "generated" | "again" | "broken" | "reverse" | "badArgument" | "changelog" | "badFlag" | "head",
    Promise<Run>
  >;

  beforeAll(async () => {
    copy = await baselineCopy();
    before = await bundled();
    const breaking = structuredClone(before);
    delete breaking.components.schemas.Link.properties.institution;
    await writeFile(path.join(copy.root, "before.json"), JSON.stringify(before));
    await writeFile(path.join(copy.root, "breaking.json"), JSON.stringify(breaking));
    const link = path.join(copy.root, "spec", "components", "schemas", "Link.yaml");
    const original = await readFile(link, "utf8");
    await writeFile(link, original.replace("properties:\n", "properties:\n  renewed_at:\n    type: string\n"));

    const queue = twoAtATime();
    const generated = later(queue(() => generateInProcess(copy.root)));
    // Run again once the first has written generated/: nothing changed since.
    const again = later(generated.then(() => queue(() => generateInProcess(copy.root))));
    // spec:diff in this process on the copy's files; the command itself, as npm runs it, on this checkout's HEAD.
    const diff = (args: string[]) =>
      later(queue(() => inProcess((output) => specDiffCommand(args, copy.root, output))));
    runs = {
      generated,
      again,
      broken: diff(["before.json", "breaking.json"]),
      reverse: diff(["breaking.json", "before.json"]),
      badArgument: diff(["no-such-file-or-revision"]),
      changelog: diff(["before.json", "breaking.json", "--changelog"]),
      badFlag: diff(["before.json", "--change-log"]),
      head: later(queue(() => runScript(repoRoot, "spec-diff.ts", ["HEAD"]))),
    };
  });
  afterAll(async () => {
    await Promise.allSettled(Object.values(runs ?? {}));
    await copy.remove();
  });

  it("generate prints what the spec change does to the API, against the previous bundle", async () => {
    const run = await runs.generated;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /API changes: 0 breaking, 1 non-breaking, 0 documentation\n {2}PUT \/api\/links\/\{id\}\//,
    );
    expect(run.stdout).toContain("[Added] property `renewed_at` of `Link` in Response 200");
    expect((await runs.again).stdout).toContain("API changes: none");
  });

  it("spec:diff exits 1 on a breaking change between two files, 0 otherwise, 2 on bad arguments", async () => {
    const broken = await runs.broken;
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/breaking +\[Removed\] property `institution`/);
    expect((await runs.reverse).code).toBe(0);
    expect((await runs.badArgument).code).toBe(2);

    const changelog = await runs.changelog;
    expect(changelog.code).toBe(1);
    expect(changelog.stdout).toMatch(
      new RegExp(`^### API \\(spec/, Belvo ${before.info.version}\\)\n\nBreaking for code compiled against the types:`),
    );
    expect((await runs.badFlag).code).toBe(2);
  });

  it("spec:diff takes a git revision: this checkout's HEAD against its spec/", async () => {
    const run = await runs.head;
    expect(run.stdout).toContain("spec:diff HEAD → spec/");
    expect(run.code).toBe(0);
  });
});
