// What the types cost a consumer: tsc --extendedDiagnostics on a small file using this client and /types, and on
// the same calls written with bare openapi-fetch and the generated `paths`. Both compile against what a consumer
// installs: this package's built declarations (built here with tsup into .tmp/bench/dist/, so that a build of
// dist/ running at the same time is not disturbed) and openapi-fetch's.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { consumerTsconfig } from "../project/consumer-tsconfig.js";
import { repoRoot } from "../project/project.js";

const run = promisify(execFile);

const WITH_CLIENT = `
import { createBelvoClient, isTokenRequired, tokenChallenge, unwrap } from "belvo-openapi-client";
import type { Link, Owner } from "belvo-openapi-client/types";
export async function flow(): Promise<[Link | undefined, Owner[]]> {
  const belvo = createBelvoClient({ secretId: "id", secretPassword: "pw" });
  const update = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", { password: "p" });
  const challenge = isTokenRequired(update.error) ? tokenChallenge(update) : undefined;
  const owners = challenge ? unwrap(await belvo.resumeOwnersRequest(challenge, "123456", { save_data: true })) : [];
  return [update.ok ? update.data : undefined, owners];
}
`;

const WITH_OPENAPI_FETCH = `
import createClient from "openapi-fetch";
import type { components, paths } from "belvo-openapi-client/types";
type Link = components["schemas"]["Link"];
type Owner = components["schemas"]["Owner"];
export async function flow(): Promise<[Link | undefined, Owner[]]> {
  const api = createClient<paths>({ baseUrl: "https://sandbox.belvo.com", headers: { authorization: "Basic x" } });
  const update = await api.PUT("/api/links/{id}/", { params: { path: { id: "30cb4806-6e00-48a4-91c9-ca55968576c8" } }, body: { password: "p" } });
  const challenge = update.response.status === 428 ? (update.error as components["schemas"]["TokenRequiredError"][])[0] : undefined;
  const owners = challenge ? (await api.PATCH("/api/owners/", { body: { session: challenge.session!, link: challenge.link!, token: "123456" } })).data ?? [] : [];
  return [update.data, owners];
}
`;

export interface TypecheckCost {
  checkTimeMs: number;
  types: number;
  instantiations: number;
}

async function diagnostics(root: string, dir: string, file: string, code: string): Promise<TypecheckCost> {
  const outDir = path.join(root, ".tmp", "bench", "dist");
  await writeFile(path.join(dir, file), code);
  const config = path.join(dir, `tsconfig.${file}.json`);
  const entries = {
    "belvo-openapi-client": path.join(outDir, "index.d.ts"),
    "belvo-openapi-client/types": path.join(outDir, "types.d.ts"),
  };
  await writeFile(config, consumerTsconfig([file], entries, { nodeTypes: false }));
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const { stdout } = await run(process.execPath, [tsc, "-p", config, "--extendedDiagnostics"], { cwd: dir });
  const read = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1] ?? NaN);
  return { checkTimeMs: read("Check time") * 1000, types: read("Types"), instantiations: read("Instantiations") };
}

/** The median of `runs` measurements of each file, taken alternately, in the project at `root`. */
export async function measureTypecheckCost(
  runs: number,
  root = repoRoot,
): Promise<{ client: TypecheckCost; openapiFetch: TypecheckCost }> {
  const outDir = path.join(root, ".tmp", "bench", "dist");
  const tsup = path.join(root, "node_modules", "tsup", "dist", "cli-default.js");
  // Only what the two files import: the declarations of the client and /types entries.
  const entries = ["--entry.index", "src/index.ts", "--entry.types", "src/public-types.ts"];
  await run(process.execPath, [tsup, "--silent", "--dts-only", ...entries, "--out-dir", outDir], { cwd: root });
  // Inside the repo (.tmp/), so that node_modules (openapi-fetch) resolves as it would for a consumer.
  await mkdir(path.join(root, ".tmp"), { recursive: true });
  const dir = await mkdtemp(path.join(root, ".tmp", "typecheck-"));
  try {
    const client: TypecheckCost[] = [];
    const openapiFetch: TypecheckCost[] = [];
    for (let i = 0; i < runs; i++) {
      client.push(await diagnostics(root, dir, "with-client.ts", WITH_CLIENT));
      openapiFetch.push(await diagnostics(root, dir, "with-openapi-fetch.ts", WITH_OPENAPI_FETCH));
    }
    return { client: medianRun(client), openapiFetch: medianRun(openapiFetch) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function medianRun(costs: TypecheckCost[]): TypecheckCost {
  return [...costs].sort((a, b) => a.checkTimeMs - b.checkTimeMs)[Math.floor(costs.length / 2)]!;
}
