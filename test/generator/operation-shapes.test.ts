// Adding an operation is a spec edit and `npm run generate`, nothing else. On a temporary copy of the project, three
// operations of new shapes are added (a GET with a path parameter, headers and a comma-separated array, a DELETE, a
// PATCH with a oneOf body); the whole project, tests included, type-checks with no edit to src/ or test/; a consumer
// of them and of retrieveOwners (a POST with a body and a query) compiles while its misuses do not; and the methods
// answer through the fake, refused inputs sending nothing.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOperationRules } from "../../scripts/generate/derive-operation-rules.js";
import { renderSchemaTypes } from "../../scripts/generate/pipeline.js";
import { baselineCopy } from "../helpers/baseline-spec.js";
import { runConsumer, srcAndTestUnchanged, typeCheckConsumer } from "../helpers/consumer.js";
import { repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { generateInProcess, type GeneratorRun } from "../helpers/run-generator.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

const run = promisify(execFile);
const copies: ProjectCopy[] = [];

/** A copy of the whole project for one test's spec edit, with the baseline spec (which lacks what these tests add). */
async function wholeCopy(): Promise<ProjectCopy> {
  const copy = await baselineCopy({ whole: true });
  copies.push(copy);
  return copy;
}
const append = async (file: string, text: string) => writeFile(file, (await readFile(file, "utf8")) + text);

const GET_AND_DELETE = `
get:
  operationId: getLink
  tags:
    - Links
  summary: Get a link
  description: Returns one link by its id.
  parameters:
    - name: X-Trace-Id
      in: header
      required: false
      description: A trace id of your own, echoed in Belvo's logs.
      schema:
        type: string
      example: trace-1
    - name: X-Otp
      in: header
      required: false
      description: A one-time code some institutions ask for to read a link.
      schema:
        type: string
        format: password
        x-single-use: true
      example: "123456"
    - name: institution__in
      in: query
      required: false
      description: Only links of these institutions, comma-separated.
      style: form
      explode: false
      schema:
        type: array
        items:
          type: string
          minLength: 1
      example: [erebor_mx_retail, gringotts_mx_retail]
  responses:
    "200":
      description: The link.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Link.yaml
          examples:
            validLink:
              $ref: ../components/examples/LinkValid.yaml
    "404":
      $ref: ../components/responses/NotFound.yaml
    "500":
      $ref: ../components/responses/UnexpectedError.yaml
delete:
  operationId: deleteLink
  tags:
    - Links
  summary: Delete a link
  description: Deletes a link; Belvo answers with no content.
  responses:
    "204":
      description: The link is gone.
    "404":
      $ref: ../components/responses/NotFound.yaml
    "500":
      $ref: ../components/responses/UnexpectedError.yaml
patch:
  operationId: changeLink
  tags:
    - Links
  summary: Change a link
  description: Changes either how a link is accessed or how often it refreshes, one at a time.
  requestBody:
    required: true
    content:
      application/json:
        schema:
          oneOf:
            - type: object
              required:
                - access_mode
              properties:
                access_mode:
                  type: string
                  minLength: 1
                  description: How the link is accessed.
            - type: object
              required:
                - refresh_rate
              properties:
                refresh_rate:
                  type: string
                  minLength: 1
                  description: How often the link refreshes.
        examples:
          accessMode:
            value:
              access_mode: recurrent
  responses:
    "200":
      description: The link.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Link.yaml
          examples:
            validLink:
              $ref: ../components/examples/LinkValid.yaml
    "400":
      $ref: ../components/responses/BadRequest.yaml
    "500":
      $ref: ../components/responses/UnexpectedError.yaml
`;

/** Uses the three new methods as a user would, and misuses each (which must not compile, and sends nothing). */
const CONSUMER = `
import { BelvoInputError, createBelvoClient, tokenChallenge, unwrap } from "./src/index.js";
import type { Link, Owner } from "./src/public-types.js";
import { createFakeBelvo } from "./src/testing/index.js";

const fake = createFakeBelvo();
const belvo = createBelvoClient({ secretId: fake.secretId, secretPassword: fake.secretPassword, fetch: fake.fetch, retry: { initialDelayMs: 1 } });
const id = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";

const link: Link = unwrap(await belvo.getLink(id, { header: { "X-Trace-Id": "t-1" }, query: { institution__in: ["erebor_mx_retail", "gringotts_mx_retail"] } }));
const removed = await belvo.deleteLink(id, { timeoutMs: 5_000 });
const noBody: undefined = removed.ok ? removed.data : undefined;
// A oneOf body: either shape goes; one with the keys of both, or that breaks the shape it has, is refused.
const changed = [(await belvo.changeLink(id, { access_mode: "recurrent" })).response.status, (await belvo.changeLink(id, { refresh_rate: "7d" })).response.status];
// A link the fake does not have: 404 on every operation that takes one, those answered from examples too.
const unknown = "00000000-0000-4000-8000-000000000000";
const notFound = [(await belvo.getLink(unknown)).response.status, (await belvo.retrieveOwners({ link: unknown })).response.status];
const retrieved = await belvo.retrieveOwners({ link: id, save_data: false }, { query: { fields: "id" } });
const owners: Owner[] = unwrap(retrieved);
tokenChallenge(retrieved); // reads a 428 of any operation

const refused = async (call: () => Promise<unknown>) => call().then(() => "sent", (e) => (e instanceof BelvoInputError ? e.field : String(e)));
const misuses = [
  // @ts-expect-error the path parameter is missing
  await refused(() => belvo.getLink()),
  // @ts-expect-error the required body field link is missing
  await refused(() => belvo.retrieveOwners({ save_data: true })),
  // @ts-expect-error the spec's name is save_data
  await refused(() => belvo.retrieveOwners({ link: id, saveData: true })),
  // @ts-expect-error a query parameter belongs in query
  await refused(() => belvo.retrieveOwners({ link: id }, { fields: "id" })),
  // @ts-expect-error deleteLink takes no body
  await refused(() => belvo.deleteLink(id, { reason: "x" })),
  await refused(() => belvo.deleteLink("not-a-uuid")),
  // @ts-expect-error a comma-separated array, not one string
  await refused(() => belvo.getLink(id, { query: { institution__in: "erebor_mx_retail" } })),
  await refused(() => belvo.getLink(id, { query: { institution__in: ["a,b"] } })),
  await refused(() => belvo.getLink(id, { query: { institution__in: [] } })),
  await refused(() => belvo.changeLink(id, { access_mode: "x", refresh_rate: "y" } as never)),
  await refused(() => belvo.changeLink(id, { access_mode: "" })),
  // @ts-expect-error neither shape of the oneOf
  await refused(() => belvo.changeLink(id, { mode: "x" })),
];
const sentBeforeToken = fake.exchanges.length;
fake.injectFault({ status: 503 });
const withToken = await belvo.retrieveOwners({ link: id, token: "123456" });
fake.injectFault({ status: 503 });
const withHeaderToken = await belvo.getLink(id, { header: { "X-Otp": "654321" } });
fake.injectFault({ status: 503 });
const rawWithHeaderToken = await belvo.api.GET("/api/links/{id}/", { params: { path: { id }, header: { "X-Otp": "654321" } } });

console.log(JSON.stringify({
  link: typeof link.id === "string", // the spec's example: the fake answers it as documented
  deleted: [removed.response.status, noBody],
  changed,
  notFound,
  owners: owners.length > 0,
  misuses,
  exchanges: fake.exchanges.map((e) => \`\${e.method} \${e.path}\${e.query} \${e.status}\`),
  sentBeforeToken,
  withToken: withToken.response.status,
  withHeaderToken: [withHeaderToken.response.status, rawWithHeaderToken.response.status],
  tokensSent: fake.exchanges.map((e) => e.tokenSent),
}));
`;

/**
 * Each test's copy, spec edit, generator run and checks: independent, so they run two at a time from the start, and
 * each test asserts on its own.
 */
let runs: {
  added: Promise<{ generated: GeneratorRun; typeErrors: string; outcome: any; unchanged: boolean }>;
  removed: Promise<{ generated: GeneratorRun; schema: string; srcErrors: string }>;
  broken: Promise<GeneratorRun>;
};

beforeAll(() => {
  const queue = twoAtATime();
  runs = {
    added: later(
      queue(async () => {
        const copy = await wholeCopy();
        await append(path.join(copy.root, "spec", "paths", "api_links_{id}.yaml"), GET_AND_DELETE);
        const generated = await generateInProcess(copy.root);
        if (generated.code !== 0) return { generated, typeErrors: "", outcome: undefined, unchanged: false };
        // The whole project, its tests included, and the consumer type-check; each misuse is a compile error (an
        // unused @ts-expect-error would fail the check).
        const typeErrors = await typeCheckConsumer(copy.root, CONSUMER);
        const outcome = await runConsumer(copy.root);
        return { generated, typeErrors, outcome, unchanged: await srcAndTestUnchanged(copy.root) };
      }),
    ),
    removed: later(
      queue(async () => {
        const copy = await wholeCopy();
        const root = path.join(copy.root, "spec", "openapi.yaml");
        await writeFile(
          root,
          (await readFile(root, "utf8")).replace("  /api/owners/:\n    $ref: paths/api_owners.yaml\n", ""),
        );
        const generated = await generateInProcess(copy.root);
        const schema = await readFile(path.join(copy.root, "generated", "schema.ts"), "utf8");
        await writeFile(
          path.join(copy.root, "tsconfig.src.json"),
          JSON.stringify({ extends: "./tsconfig.json", include: ["src", "generated"] }),
        );
        const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
        const srcErrors = await run(process.execPath, [tsc, "-p", "tsconfig.src.json"], { cwd: copy.root }).then(
          () => "",
          (error: { stdout: string }) => error.stdout,
        );
        return { generated, schema, srcErrors };
      }),
    ),
    broken: later(
      queue(async () => {
        const copy = await wholeCopy();
        const notFound = path.join(copy.root, "spec", "components", "responses", "NotFound.yaml");
        await writeFile(
          notFound,
          (await readFile(notFound, "utf8")).replace(/x-error-codes:[^\n]*\n(\s+- [^\n]+\n)*/, ""),
        );
        return generateInProcess(copy.root);
      }),
    ),
  };
});

afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await Promise.all(copies.map((copy) => copy.remove()));
});

// A generation, a type check of the whole project and a run: up to a minute on a busy two-core machine; each test may
// wait for the others' runs in the queue too.
describe("adding operations to the spec", { timeout: 240_000 }, () => {
  it("gives each a typed method the fake answers, with no edit to src/ or test/", async () => {
    const { generated, typeErrors, outcome, unchanged } = await runs.added;
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    // What generate cannot write, the code samples the docs test asks for, it names by file, once per operation.
    const toDos = generated.stdout.split("still to do (the tests check these):\n")[1]?.trimEnd().split("\n");
    expect(toDos).toEqual(
      ["GET", "DELETE", "PATCH"].map((method, index) => {
        const [operationId, sample] = [
          ["getLink", "get-link"],
          ["deleteLink", "delete-link"],
          ["changeLink", "change-link"],
        ][index]!;
        return (
          `  - spec/paths/api_links_{id}.yaml: ${method} /api/links/{id}/ (${operationId}) needs its code samples: ` +
          `write spec/code-samples/${sample}.ts and spec/code-samples/${sample}.sh, and list them under its ` +
          `x-codeSamples, labelled TypeScript then curl (spec:adopt writes them for the operations it adopts)`
        );
      }),
    );

    // The whole project, its tests included, and the consumer type-check; each misuse is a compile error (an
    // unused @ts-expect-error would fail the check).
    expect(typeErrors).toBe("");
    expect(outcome).toMatchObject({
      link: true,
      deleted: [204, null],
      notFound: [404, 404],
      owners: true,
      misuses: [
        "id",
        "link",
        "saveData",
        "fields",
        "reason",
        "id",
        "institution__in",
        "institution__in",
        "institution__in",
        "the PATCH /api/links/{id}/ body",
        "access_mode",
        "the PATCH /api/links/{id}/ body",
      ],
      changed: [200, 200],
      withToken: 503, // carries a single-use token: never re-sent
      withHeaderToken: [503, 503], // in a header too, through the method or belvo.api
      tokensSent: [false, false, false, false, false, false, false, true, true, true],
    });
    // Nothing was sent for the refused calls; the token request went once.
    expect(outcome.exchanges).toEqual([
      `GET /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/?institution__in=erebor_mx_retail%2Cgringotts_mx_retail 200`,
      `DELETE /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 204`,
      `PATCH /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 200`,
      `PATCH /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 200`,
      `GET /api/links/00000000-0000-4000-8000-000000000000/ 404`,
      `POST /api/owners/ 404`,
      `POST /api/owners/?fields=id 200`,
      `POST /api/owners/ 503`,
      `GET /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 503`,
      `GET /api/links/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/ 503`,
    ]);
    expect(outcome.sentBeforeToken).toBe(7);

    // src/ and test/ are as they are in the repository: nothing was edited there.
    expect(unchanged).toBe(true);
  });

  it("generates without an operation that was removed, and its types are gone", async () => {
    const { generated, schema, srcErrors } = await runs.removed;
    expect(generated.code).toBe(0);
    expect(schema).not.toContain('"/api/owners/"');
    expect(schema).toContain('"/api/links/{id}/"');
    // The owners MFA helper no longer compiles: removing an operation is a breaking change.
    expect(srcErrors).toMatch(/src\/mfa\.ts.*error TS/);
  });

  it("names the operation and its file when a derive step fails, never a raw TypeError", async () => {
    const generated = await runs.broken;
    expect(generated.code).toBe(1);
    expect(generated.stderr).toMatch(
      /generate failed: POST \/api\/owners\/ \(retrieveOwners\): its 404 response: "x-error-codes" must list the documented codes \(in spec\/paths\/api_owners\.yaml\)/,
    );
    expect(generated.stderr).not.toContain("TypeError");
  });
});

describe("the operation table refuses what the client could not call faithfully, naming the operation", () => {
  const bundled = JSON.parse(readFileSync(path.join(repoRoot, "generated", "openapi.json"), "utf8"));
  const put = (doc: any) => doc.paths["/api/links/{id}/"].put;
  const linkId = (doc: any) => doc.components.parameters.linkId;
  it.each([
    [
      "an operationId the client already uses",
      (doc: any) => void (put(doc).operationId = "then"),
      /names a member the client already has/,
    ],
    [
      "a secret path parameter",
      (doc: any) => void (linkId(doc).schema.format = "password"),
      /path parameter id is a secret/,
    ],
    [
      "a parameter serialized in another style",
      (doc: any) => void (linkId(doc).style = "label"),
      /parameter id: only the default style and explode are supported/,
    ],
    [
      "a body that is not JSON",
      (doc: any) => void (put(doc).requestBody = { content: { "text/plain": { schema: { type: "string" } } } }),
      /request body must be application\/json \(found text\/plain\)/,
    ],
    [
      "a JSON body that is not an object",
      (doc: any) => void (put(doc).requestBody = { content: { "application/json": { schema: { type: "string" } } } }),
      /request body must be a JSON object or a oneOf of objects \(found a JSON string\)/,
    ],
    [
      "a oneOf body with a branch that is not an object",
      (doc: any) =>
        void (put(doc).requestBody = {
          content: { "application/json": { schema: { oneOf: [{ type: "object" }, { type: "string" }] } } },
        }),
      /request body's oneOf branch 1 must be a JSON object/,
    ],
  ])("%s", (_what, edit, message) => {
    const doc = structuredClone(bundled);
    edit(doc);
    expect(() => renderOperationRules(doc)).toThrow(/^PUT \/api\/links\/\{id\}\/ \(\w+\): /);
    expect(() => renderOperationRules(doc)).toThrow(message);
  });
});

describe("the schema types refuse two schemas that would be exported under one name", () => {
  const bundled = JSON.parse(readFileSync(path.join(repoRoot, "generated", "openapi.json"), "utf8"));
  const openapiTypescript = createRequire(import.meta.url)("openapi-typescript") as typeof import("openapi-typescript");

  it("names both, where openapi-typescript would silently call one of them Link_2", async () => {
    const doc = structuredClone(bundled);
    doc.components.schemas.link = { type: "string", format: "uuid" }; // Belvo's own `link`
    await expect(renderSchemaTypes(openapiTypescript, doc)).rejects.toThrow(
      /components\.schemas "Link" and "link" would both be exported as the type Link .*rename one/,
    );
    expect(await renderSchemaTypes(openapiTypescript, structuredClone(bundled))).toContain("export type Link =");
  });
});
