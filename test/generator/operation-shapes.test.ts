// Any valid operation shape generates: a GET with no body, a DELETE answering 204 with no content, a header
// parameter, an operation removed. Each runs the whole pipeline on a temporary copy of the project, and a consumer
// file using the new operation through `belvo.api` type-checks against the regenerated types.
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyProject, repoRoot, type ProjectCopy } from "../helpers/project-copy.js";
import { runGenerator } from "../helpers/run-generator.js";

const run = promisify(execFile);
let copy: ProjectCopy;

beforeEach(async () => {
  copy = await copyProject();
  await cp(path.join(repoRoot, "src"), path.join(copy.root, "src"), { recursive: true });
  await cp(path.join(repoRoot, "tsconfig.json"), path.join(copy.root, "tsconfig.json"));
});
afterEach(() => copy.remove());

const linksPathFile = () => path.join(copy.root, "spec", "paths", "api_links_{id}.yaml");

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
`;

async function typeCheck(code: string): Promise<string> {
  await writeFile(path.join(copy.root, "consumer.ts"), code);
  await writeFile(
    path.join(copy.root, "tsconfig.consumer.json"),
    JSON.stringify({ extends: "./tsconfig.json", include: ["consumer.ts", "src", "generated"] }),
  );
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  return run(process.execPath, [tsc, "-p", "tsconfig.consumer.json"], { cwd: copy.root }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
}

describe("regenerating after an operation is added or removed", () => {
  it("generates a GET without a body (with a header parameter) and a DELETE answering 204", async () => {
    await writeFile(linksPathFile(), (await readFile(linksPathFile(), "utf8")) + GET_AND_DELETE);
    const generated = await runGenerator(copy.root);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);

    const rules = await readFile(path.join(copy.root, "generated", "operation-rules.ts"), "utf8");
    expect(rules).toContain('"getLink": {\n    "method": "GET"');
    expect(rules).toContain('"deleteLink": {\n    "method": "DELETE"');
    expect(
      await typeCheck(`
import { createBelvoClient } from "./src/index.js";
const belvo = createBelvoClient({ secretId: "id", secretPassword: "pw" });
export async function link(id: string): Promise<string | undefined> {
  const { data } = await belvo.api.GET("/api/links/{id}/", { params: { path: { id }, header: { "X-Trace-Id": "t" } } });
  const removed = await belvo.api.DELETE("/api/links/{id}/", { params: { path: { id } } });
  return removed.response.status === 204 ? data?.institution : undefined;
}
`),
    ).toBe("");
  });

  it("generates without an operation that was removed, and its types are gone", async () => {
    const root = path.join(copy.root, "spec", "openapi.yaml");
    await writeFile(
      root,
      (await readFile(root, "utf8")).replace("  /api/owners/:\n    $ref: paths/api_owners.yaml\n", ""),
    );
    const generated = await runGenerator(copy.root);
    expect(generated.code).toBe(0);
    const schema = await readFile(path.join(copy.root, "generated", "schema.ts"), "utf8");
    expect(schema).not.toContain('"/api/owners/"');
    expect(schema).toContain('"/api/links/{id}/"');
    // The client's own owners methods no longer compile: removing an operation is a breaking change.
    expect(await typeCheck("export {};\n")).toMatch(/src\/client\.ts.*error TS/);
  });

  it("names the operation and its file when a derive step fails, never a raw TypeError", async () => {
    const notFound = path.join(copy.root, "spec", "components", "responses", "NotFound.yaml");
    await writeFile(notFound, (await readFile(notFound, "utf8")).replace(/x-error-codes:[^\n]*\n(\s+- [^\n]+\n)*/, ""));
    const generated = await runGenerator(copy.root);
    expect(generated.code).toBe(1);
    expect(generated.stderr).toMatch(
      /generate failed: PATCH \/api\/owners\/ \(completeOwnersRequest\): its 404 response: "x-error-codes" must list the documented codes \(in spec\/paths\/api_owners\.yaml\)/,
    );
    expect(generated.stderr).not.toContain("TypeError");
  });
});
