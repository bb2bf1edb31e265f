// `npm run spec:adopt`: Belvo's operations brought into the spec with one command. On a temporary copy of the
// project, four operations of different shapes are adopted from a facts-only cut of Belvo's 1.223.0 document (a GET
// with a path parameter, a DELETE with a header parameter and 202/204 into an existing path file, a GET with
// comma-separated array filters and paging, a POST with a body and a 202); they generate, type-check while their
// misuses do not, answer through the fake, spec:upstream on the document exits 0, and src/ and test/ are untouched.
// spec:adopt and the generator run in this process (test/helpers/commands.ts); spec:adopt once, and spec:upstream,
// as npm runs them.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adoptCommand } from "../../scripts/adopt/command.js";
import { convertSchema } from "../../scripts/adopt/convert.js";
import { collectDeviations } from "../../scripts/docs/deviations.js";
import { bundleFile } from "../../scripts/openapi/bundle.js";
import { runConsumer, srcAndTestUnchanged, typeCheckConsumer } from "../helpers/consumer.js";
import { repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { baselineCopy } from "../helpers/baseline-spec.js";
import { inProcess, runScript, type CommandRun } from "../helpers/commands.js";
import { generateInProcess, type GeneratorRun } from "../helpers/run-generator.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

const FIXTURE = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-adopt.facts.json");
const FULL = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-full.facts.json");
const copies: ProjectCopy[] = [];
/**
 * What spec:adopt prints once it has run spec:upstream's own comparison on the document after writing (it exits 1
 * otherwise). The four-shapes test runs the spec:upstream command itself too.
 */
const UPSTREAM_AT_ZERO = /^spec:upstream on .*: 0 todo, 0 unexplained\./m;

/**
 * A copy of the whole project for one test, with the baseline spec (the operations it adopts may be the project's own
 * by now): the path of a file in it, and its scripts run as `npm run` would.
 */
async function wholeCopy() {
  const copy = await baselineCopy({ whole: true });
  copies.push(copy);
  const inCopy = (...parts: string[]) => path.join(copy.root, ...parts);
  const script = (name: string, args: string[]) => runScript(copy.root, name, args);
  /** Every file under spec/ with its text: what a refused run must leave as it was. */
  const specFiles = async (): Promise<Record<string, string>> => {
    const entries = await readdir(inCopy("spec"), { recursive: true, withFileTypes: true });
    const files: Record<string, string> = {};
    for (const entry of entries.filter((e) => e.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(copy.root, file)] = await readFile(file, "utf8");
    }
    return files;
  };
  /** spec:adopt as the command runs it, in this process. */
  const adopt = (args: string[]) => inProcess((output) => adoptCommand(args, copy.root, output));
  return { root: copy.root, inCopy, script, adopt, specFiles };
}

/** Uses the four adopted methods as a user would, and misuses each (which must not compile, and sends nothing). */
const CONSUMER = `
import { BelvoInputError, createBelvoClient, unwrap } from "./src/index.js";
import { createFakeBelvo } from "./src/testing/index.js";

const fake = createFakeBelvo();
const belvo = createBelvoClient({ secretId: fake.secretId, secretPassword: fake.secretPassword, fetch: fake.fetch, retry: { initialDelayMs: 1 } });
const link = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const other = "5a1e9c7d-2b3f-4c8e-9d6a-7b8c9d0e1f2a";

const institution = await belvo.detailInstitution("1");
const deleted = await belvo.destroyLink(link, { header: { "X-Belvo-Request-Mode": "async" } });
const accepted: string = deleted.ok && deleted.response.status === 202 ? deleted.data!.request_id : "";
const accounts = unwrap(await belvo.listAccounts({ query: { link__in: [link, other], page: 2, page_size: 10 } }));
const refreshed = await belvo.refreshHistoricalDataForLink(link, { fetch_resources: ["ACCOUNTS"] });
const unknownLink = await belvo.refreshHistoricalDataForLink("00000000-0000-4000-8000-000000000000", {});

const refused = async (call: () => Promise<unknown>) => call().then(() => "sent", (e) => (e instanceof BelvoInputError ? e.field : String(e)));
const misuses = [
  // @ts-expect-error the institution's id is missing
  await refused(() => belvo.detailInstitution()),
  await refused(() => belvo.detailInstitution("one")),
  await refused(() => belvo.destroyLink("not-a-uuid")),
  // @ts-expect-error a comma-separated array, not one string
  await refused(() => belvo.listAccounts({ query: { link__in: link } })),
  // @ts-expect-error page is a number
  await refused(() => belvo.listAccounts({ query: { page: "2" } })),
  // @ts-expect-error the spec's name is fetch_resources
  await refused(() => belvo.refreshHistoricalDataForLink(link, { fetchResources: ["ACCOUNTS"] })),
  // What a type does not say, checked before the wire: a number's range, an enum a cast got past.
  await refused(() => belvo.listAccounts({ query: { page_size: 5000 } })),
  await refused(() => belvo.destroyLink(link, { header: { "X-Belvo-Request-Mode": "sync" as "async" } })),
];

console.log(JSON.stringify({
  statuses: [institution.response.status, deleted.response.status, refreshed.response.status, unknownLink.response.status],
  accepted: accepted.length > 0,
  accounts: Array.isArray(accounts.results),
  misuses,
  exchanges: fake.exchanges.map((e) => \`\${e.method} \${e.path}\${e.query} \${e.status}\`),
}));
`;

/**
 * Each test's copy and its runs of spec:adopt, spec:upstream, the generator, tsc and the consumer: independent, so they
 * run two at a time from the start (the longest first), each test asserting on what its own produced.
 */
let runs: {
  fourShapes: Promise<{
    adopted: CommandRun;
    files: { accounts: string; refresh: string; conflict: string; pagination: string };
    generated: GeneratorRun;
    typeErrors: string;
    outcome: any;
    upstream: CommandRun;
    unchanged: boolean;
  }>;
  refused: Promise<{
    before: Record<string, string>;
    refused: CommandRun;
    afterRefused: Record<string, string>;
    unknown: CommandRun;
    misspelt: CommandRun;
    misspeltPath: CommandRun;
    older: CommandRun;
    reordered: CommandRun;
    after: Record<string, string>;
  }>;
  hostile: Promise<{
    before: Record<string, string>;
    adopted: CommandRun;
    after: Record<string, string>;
    samples: string[];
    generated: GeneratorRun;
    bundled: string;
  }>;
  twoRuns: Promise<{ first: CommandRun; second: CommandRun; schemas: string[]; notes: string[] }>;
};

beforeAll(() => {
  const queue = twoAtATime();
  runs = {
    fourShapes: later(queue(adoptFourShapes)),
    twoRuns: later(queue(adoptInTwoRuns)),
    hostile: later(queue(adoptFromHostileDocument)),
    refused: later(queue(refuse)),
  };
});

afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await Promise.all(copies.map((copy) => copy.remove()));
});

/** Four operations of different shapes adopted, generated, type-checked with the whole project, used, and checked upstream. */
async function adoptFourShapes() {
  const { root, inCopy, script, adopt } = await wholeCopy();
  const adopted = await adopt([
    FIXTURE,
    "GET /api/institutions/{id}/",
    "DestroyLink",
    "ListAccounts",
    "POST /api/links/{id}/refresh/",
  ]);
  const read = (...parts: string[]) => readFile(inCopy(...parts), "utf8").catch(() => "");
  const files = {
    accounts: await read("spec", "paths", "api_accounts.yaml"),
    refresh: await read("spec", "paths", "api_links_{id}_refresh.yaml"),
    conflict: await read("spec", "components", "responses", "Conflict.yaml"),
    pagination: await read("spec", "components", "schemas", "CommonPaginationProperties.yaml"),
  };
  const generated = await generateInProcess(root);
  // The whole project, its tests included, and the consumer type-check; each misuse is a compile error (an
  // unused @ts-expect-error would fail the check).
  const typeErrors = await typeCheckConsumer(root, CONSUMER);
  const outcome = await runConsumer(root).catch((error: Error) => ({ failed: error.message }));
  // The adopted facts are recorded: spec:upstream on the same document finds nothing to do.
  const upstream = await script("spec-upstream.ts", [FIXTURE]);
  return { adopted, files, generated, typeErrors, outcome, upstream, unchanged: await srcAndTestUnchanged(root) };
}

/** Operations refused, an unknown one asked for, and another document than the recorded one: nothing written. */
async function refuse() {
  const { inCopy, script, adopt, specFiles } = await wholeCopy();
  const document = JSON.parse(await readFile(FIXTURE, "utf8"));
  document.paths["/api/institutions/{id}/"].get.parameters.push({
    name: "session",
    in: "cookie",
    schema: { type: "string" },
  });
  await writeFile(inCopy("belvo.json"), JSON.stringify(document));
  const before = await specFiles();
  const refused = await adopt(["belvo.json", "DetailInstitution", "PUT /api/links/{id}/"]);
  const afterRefused = await specFiles();
  // The command itself, as npm runs it: its exit code and its one line on stderr.
  const unknown = await script("spec-adopt.ts", ["belvo.json", "ListEverything"]);
  const misspelt = await adopt(["belvo.json", "ListAcounts"]);
  const whole = path.join(repoRoot, "test", "fixtures", "belvo-1.223.0-full.facts.json");
  const misspeltPath = await adopt([whole, "OST /api/links/"]);
  // Another document than the recorded one: adopting from it would accept its changes to the spec's operations.
  const older = await adopt([path.join(repoRoot, "test", "fixtures", "belvo-1.59.0-cut.facts.json"), "--all"]);
  // The recorded document with every object's keys in reverse order: the same facts, so not "another document".
  const reverse = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(reverse)
      : node && typeof node === "object"
        ? Object.fromEntries(
            Object.entries(node)
              .reverse()
              .map(([key, value]) => [key, reverse(value)]),
          )
        : node;
  await writeFile(inCopy("reordered.json"), JSON.stringify(reverse(JSON.parse(await readFile(FIXTURE, "utf8")))));
  const reordered = await adopt(["reordered.json", "ListEverything"]);
  return { before, refused, afterRefused, unknown, misspelt, misspeltPath, older, reordered, after: await specFiles() };
}

/** A document with what no valid example can be made for, an example that is a $ref, names that read alike. */
async function adoptFromHostileDocument() {
  const { root, inCopy, adopt, specFiles } = await wholeCopy();
  const document = JSON.parse(await readFile(FIXTURE, "utf8"));
  const errors = document.paths["/api/institutions/{id}/"].get.responses;
  /** A GET whose 200 has this schema and media fields, and these operation fields. */
  const get = (operationId: string, { schema = {}, media = {}, ...operation }: Record<string, any> = {}) => ({
    get: {
      operationId,
      ...operation,
      responses: {
        "200": {
          description: "",
          content: { "application/json": { schema: { type: "object", ...schema }, ...media } },
        },
        "401": errors["401"],
        "500": errors["500"],
      },
    },
  });
  // A 200 whose `code` no string meets (one character by its pattern, two at least by its length).
  const impossible = { required: ["code"], properties: { code: { type: "string", pattern: "^a$", minLength: 2 } } };
  document.paths["/api/impossible/"] = get("GetImpossible", { schema: impossible });
  // An example that is a reference to a file outside spec/: Redocly would inline it into generated/openapi.json.
  await writeFile(inCopy("outside.json"), JSON.stringify({ secret: "read from outside spec/" }));
  document.paths["/api/xref/"] = get("GetX", { media: { example: { $ref: "../../outside.json" } } });
  // Two paths, and two operationIds, that read alike once made file names.
  document.paths["/api/a_b/"] = get("get_a_b");
  document.paths["/api/a/b/"] = get("get_ab");
  // Path parameters listed in another order than the template's.
  const param = (name: string, value: string) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string", enum: [value] },
  });
  document.paths["/api/f/{first}/{second}/"] = get("GetF", {
    parameters: [param("second", "S"), param("first", "F")],
  });
  // Its own servers: the client sends every operation to the one server it is given.
  document.paths["/api/elsewhere/"] = get("GetElsewhere", { servers: [{ url: "https://other.example" }] });
  await writeFile(inCopy("belvo.json"), JSON.stringify(document));
  const before = await specFiles();

  const operations = ["GetImpossible", "GetX", "get_a_b", "get_ab", "GetF", "GetElsewhere", "DetailInstitution"];
  const adopted = await adopt(["belvo.json", ...operations]);
  const after = await specFiles();
  const samples = await readdir(inCopy("spec", "code-samples"));
  const generated = await generateInProcess(root);
  const bundled = await readFile(inCopy("generated", "openapi.json"), "utf8");
  return { before, adopted, after, samples, generated, bundled };
}

/** Two runs of spec:adopt from Belvo's full document, the second reusing what the first wrote. */
async function adoptInTwoRuns() {
  const { inCopy, adopt } = await wholeCopy();
  const notes = async () => collectDeviations(await bundleFile(inCopy("spec", "openapi.yaml"))).map(({ why }) => why);
  const before = new Set(await notes());
  // RetrieveBalances writes Belvo's account_id (a uuid string) as AccountId; the payment widget token's body has a
  // branch of the same facts, CustomerIdPaymentWidget, which must not become AccountId (a branch is known by its name).
  const first = await adopt([FULL, "ListAccounts", "ListOwners", "RetrieveBalances"]);
  const second = await adopt([FULL, "DetailAccount", "DetailOwner", "POST /payments/br/token/"]);
  const schemas = await readdir(inCopy("spec", "components", "schemas"));
  return { first, second, schemas, notes: (await notes()).filter((note) => !before.has(note)) };
}

describe("spec:adopt", () => {
  // Adopting, generating, type-checking the whole project and running it: a minute on a busy two-core machine, and
  // each test may wait for the others' runs in the queue.
  it(
    "adopts four operations of different shapes: typed methods the fake answers, spec:upstream at 0, no edit to src/ or test/",
    { timeout: 240_000 },
    async () => {
      const { adopted, files, generated, typeErrors, outcome, upstream, unchanged } = await runs.fourShapes;
      expect(adopted.stderr).toBe("");
      expect(adopted.code).toBe(0);
      // What it wrote, with each note: the fixture has no examples (facts only), so every one is generated.
      expect(adopted.stdout).toContain(
        "adopted GET /api/institutions/{id}/ (DetailInstitution) as detailInstitution, in spec/paths/api_institutions_{id}.yaml",
      );
      expect(adopted.stdout).toContain(
        "adopted DELETE /api/links/{id}/ (DestroyLink) as destroyLink, in spec/paths/api_links_{id}.yaml",
      );
      expect(adopted.stdout).toContain("adopted GET /api/accounts/ (ListAccounts) as listAccounts");
      expect(adopted.stdout).toContain("as refreshHistoricalDataForLink, in spec/paths/api_links_{id}_refresh.yaml");
      expect(adopted.stdout).toContain(
        'note: GET /api/accounts/ 200 example "example": generated (the document gives none)',
      );
      expect(adopted.stdout).toMatch(/^ {2}spec\/code-samples\/list-accounts\.sh$/m);

      // The spec as this project writes one: 3.1 type arrays, our error responses, our existing parameters reused.
      expect(files.accounts).toContain("$ref: ../components/parameters/omit.yaml");
      expect(files.accounts).toContain("$ref: ../components/responses/Unauthorized.yaml");
      expect(files.refresh).toMatch(/"409":\n\s+\$ref: \.\.\/components\/responses\/Conflict\.yaml/);
      expect(files.conflict).toMatch(/x-error-codes:\n\s+- link_refreshed/);
      expect(files.pagination).toMatch(/next:\n\s+type:\n\s+- string\n\s+- "null"/);
      expect(files.pagination).not.toContain("nullable");

      expect(generated.stderr).toBe("");
      expect(generated.code).toBe(0);

      // The whole project, its tests included, and the consumer type-check; each misuse is a compile error (an
      // unused @ts-expect-error would fail the check).
      expect(typeErrors).toBe("");
      expect(outcome).toEqual({
        statuses: [200, 202, 202, 404],
        accepted: true,
        accounts: true,
        misuses: ["id", "id", "id", "link__in", "page", "fetchResources", "page_size", "X-Belvo-Request-Mode"],
        exchanges: [
          "GET /api/institutions/1/ 200",
          "DELETE /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 202",
          "GET /api/accounts/?link__in=9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d%2C5a1e9c7d-2b3f-4c8e-9d6a-7b8c9d0e1f2a&page=2&page_size=10 200",
          "POST /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/refresh/ 202",
          "POST /api/links/00000000-0000-4000-8000-000000000000/refresh/ 404",
        ],
      });

      // The adopted facts are recorded: spec:upstream on the same document finds nothing to do.
      expect(upstream.code).toBe(0);
      expect(upstream.stdout).toContain("0 todo");
      expect(upstream.stdout).toContain("0 standing differences that no x-deviation explains");

      expect(unchanged).toBe(true);
    },
  );

  it(
    "refuses what the client cannot call faithfully, with the generator's reason, and writes nothing",
    { timeout: 240_000 },
    async () => {
      const { before, refused, afterRefused, unknown, misspelt, misspeltPath, older, reordered, after } =
        await runs.refused;
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(
        "refused GET /api/institutions/{id}/ (DetailInstitution): cookie parameters are not supported",
      );
      expect(refused.stdout).toContain(
        "refused PUT /api/links/{id}/ (UpdateLink): the spec has it already, as updateLinkCredentials",
      );
      expect(refused.stdout).toContain("nothing adopted: no file written");
      expect(afterRefused).toEqual(before);

      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /^spec:adopt: the document has no operation "ListEverything" \(an operationId or "METHOD \/path"\); none of its \d+ operations has a name close to it\n$/,
      );
      expect(misspelt.code).toBe(2);
      expect(misspelt.stderr).toMatch(/has no operation "ListAcounts" .*; did you mean "ListAccounts"\?/);
      // The nearest first: one edit to POST, two to GET.
      expect(misspeltPath.stderr).toContain('; did you mean "POST /api/links/" or "GET /api/links/"?');
      // Another document than the recorded one: adopting from it would accept its changes to the spec's operations.
      expect(older.code).toBe(2);
      expect(older.stderr).toMatch(
        /differs from the recorded document \(1\.223\.0\) on operations the spec has: POST \/api\/owners\/ \(not in it\), PATCH/,
      );
      expect(reordered.stderr).toMatch(/^spec:adopt: the document has no operation "ListEverything"/);
      expect(after).toEqual(before);
    },
  );

  it(
    "holds against a hostile document: refuses what no valid example can be made for (its files put back), follows no $ref from an example, keeps names that read alike apart",
    { timeout: 240_000 },
    async () => {
      const { before, adopted, after, samples, generated, bundled } = await runs.hostile;
      expect(adopted.code).toBe(1);
      expect(adopted.stdout).toMatch(
        /^refused GET \/api\/impossible\/ \(GetImpossible\): no valid example for GET \/api\/impossible\/ 200 example "example": 6 generated ones fail too \(.*`code` property must NOT have fewer than 2 characters/m,
      );
      expect(adopted.stdout).toContain(
        "refused GET /api/elsewhere/ (GetElsewhere): it has servers of its own: the client sends every operation to the one server it is given",
      );
      expect(adopted.stdout).toContain("adopted GET /api/institutions/{id}/ (DetailInstitution) as detailInstitution");
      expect(adopted.stdout).toContain("the document's example has a $ref key, which a bundler would follow: not used");
      expect(adopted.stdout).toContain("in spec/paths/api_a_b.yaml");
      expect(adopted.stdout).toContain("in spec/paths/api_a_b_2.yaml");
      // The refused operation's files were written, then put back: nothing of it is left.
      expect(Object.keys(after).filter((file) => !(file in before) && /impossible|elsewhere/i.test(file))).toEqual([]);
      expect(after["spec/openapi.yaml"]).not.toContain("/api/impossible/");
      expect(samples).toEqual(expect.arrayContaining(["get-ab.ts", "get-ab-2.ts"]));
      expect(after["spec/code-samples/get-f.ts"]).toContain('belvo.getF("F", "S")');
      expect(adopted.stdout).toMatch(UPSTREAM_AT_ZERO);

      expect(generated.code).toBe(0);
      expect(bundled).not.toContain("read from outside spec/");
      expect(bundled).toContain('"/api/a_b/"');
      expect(bundled).toContain('"/api/a/b/"');
    },
  );

  it("adopting in two runs reuses what the first wrote, as one run would", { timeout: 240_000 }, async () => {
    const { first, second, schemas, notes } = await runs.twoRuns;
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("note: schema link is written as Link2: the spec's Link has another shape");
    // Belvo's Owner has the facts of the spec's OwnerStandard: reused under our name.
    expect(first.stdout).toContain("note: schema Owner is the spec's OwnerStandard: the same shape");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("adopted GET /api/accounts/{id}/ (DetailAccount) as detailAccount");
    expect(second.stdout).not.toMatch(/written as \w+3\b/);
    expect(schemas.filter((file) => /3\.yaml$/.test(file))).toEqual([]);
    expect(second.stdout).toMatch(UPSTREAM_AT_ZERO);
    // Every note it wrote says so: the README names every other one (test/docs/readme-examples.test.ts).
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((note) => !note.endsWith("(spec:adopt)."))).toEqual([]);
  });
});

describe("Belvo's 3.0 schemas written as 3.1", () => {
  const refTo = (kind: string, name: string) => `../${kind}/${name}.yaml`;

  it("reads nullable as a type array (null in the enum too), and keeps no prose", () => {
    expect(
      convertSchema(
        { type: "string", nullable: true, enum: ["a"], description: "Belvo's words", example: "a", "x-tags": ["t"] },
        refTo,
      ),
    ).toEqual({ type: ["string", "null"], enum: ["a", null] });
    expect(convertSchema({ nullable: true, allOf: [{ $ref: "#/components/schemas/Link" }] }, refTo)).toEqual({
      oneOf: [{ allOf: [{ $ref: "../schemas/Link.yaml" }] }, { type: "null" }],
    });
  });

  it("writes a union's type as its branches' alone, so the types keep every field and a nullable one's null", () => {
    // `type: object` beside the union made openapi-typescript intersect Record<string, never> with the branches.
    const union = [{ $ref: "#/components/schemas/ScheduledSingle" }, { $ref: "#/components/schemas/ScheduledDaily" }];
    const refs = [{ $ref: "../schemas/ScheduledSingle.yaml" }, { $ref: "../schemas/ScheduledDaily.yaml" }];
    expect(convertSchema({ type: "object", oneOf: union }, refTo)).toEqual({ oneOf: refs });
    expect(convertSchema({ type: "object", nullable: true, oneOf: union }, refTo)).toEqual({
      oneOf: [{ oneOf: refs }, { type: "null" }],
    });
    // With properties of its own, the object is a type of its own: kept.
    expect(
      convertSchema({ type: "object", properties: { id: { type: "string" } }, anyOf: union }, refTo),
    ).toMatchObject({
      type: "object",
    });
  });

  it("keeps a property named like a keyword, and drops a $ref's siblings as 3.0 ignores them", () => {
    expect(
      convertSchema(
        {
          type: "object",
          properties: { description: { type: "string" }, link: { $ref: "#/components/schemas/link", nullable: true } },
        },
        refTo,
      ),
    ).toEqual({
      type: "object",
      properties: { description: { type: "string" }, link: { $ref: "../schemas/link.yaml" } },
    });
  });

  it("notes what it must change for the schema to lint: a quoted pattern, a required name never defined, a keyword of another type", () => {
    const converted = convertSchema(
      {
        type: "object",
        required: ["total_effectove_cost", "code"],
        properties: {
          code: { type: "string", maxLength: 14, pattern: "‘^\\d{14}$’" },
          arranged: { type: "number", pattern: "^\\d+$" },
        },
      },
      refTo,
    ) as Record<string, any>;
    expect(converted.required).toEqual(["code"]);
    expect(converted["x-deviation"]).toMatch(/requires `total_effectove_cost`, which this schema does not define/);
    expect(converted.properties.code.pattern).toBe("^\\d{14}$");
    expect(converted.properties.code["x-deviation"]).toMatch(/typographic quotes/);
    expect(converted.properties.arranged).toEqual({
      type: "number",
      "x-deviation": expect.stringMatching(/`pattern`/),
    });
    // Each says it is spec:adopt's: the README names every other note (test/docs/readme-examples.test.ts).
    for (const note of [converted, converted.properties.code, converted.properties.arranged].map(
      (n) => n["x-deviation"],
    )) {
      expect(note).toMatch(/ \(spec:adopt\)\.$/);
    }
  });
});
