// The docs' code samples (spec/code-samples/, inlined as x-codeSamples): each TypeScript sample type-checks and runs
// against the fake Belvo (msw answers the sandbox origin it calls); each curl sample's method, URL, headers and body
// are read out of it (strictly: an option it does not know fails) and sent as they are to the fake's socket, with no
// curl binary.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { remainingToDos } from "../../scripts/generate/to-do.js";
import { consumerTsconfig, sourceEntries } from "../../scripts/project/consumer-tsconfig.js";
import { projectPaths } from "../../scripts/project/project.js";
import { startFakeBelvo, type FakeBelvoServer } from "../../src/testing/index.js";
import { matchRoute } from "../../src/testing/fake-routes.js";
import { createFakeBelvoHandlers } from "../../src/testing/msw.js";
import { repoRoot } from "../helpers/project-copy.js";
import { findOperation, operations } from "../helpers/spec-validator.js";

const SAMPLES = path.join(repoRoot, "spec", "code-samples");
const sampleFiles = (await readdir(SAMPLES)).sort();
/**
 * The samples of Belvo's two MFA flows, run in this order: the link update meets the 428 and sends the PUT again with
 * the token; the owners request meets it and finishes with PATCH; the same, its challenge stored as JSON between.
 */
const MFA_SAMPLES = ["update-link-credentials", "retrieve-owners", "complete-owners-request"];
let dir: string;
beforeAll(async () => {
  await mkdir(path.join(repoRoot, ".tmp"), { recursive: true });
  dir = await mkdtemp(path.join(repoRoot, ".tmp", "samples-")); // in the repository, so packages resolve
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the TypeScript samples", () => {
  it("are in the bundled spec: every operation has a TypeScript and a curl sample, each a file of spec/code-samples/", async () => {
    const texts = new Map<string, string>();
    for (const file of sampleFiles) texts.set(await readFile(path.join(SAMPLES, file), "utf8"), file);
    const used = operations().flatMap(({ operationId, operation }) => {
      const samples = (operation["x-codeSamples"] ?? []) as Array<{ label: string; source: string }>;
      expect(
        samples.map((sample) => sample.label),
        operationId,
      ).toEqual(["TypeScript", "curl"]);
      const files = samples.map((sample) => texts.get(sample.source));
      expect(
        files.map((file) => file && path.extname(file)),
        operationId,
      ).toEqual([".ts", ".sh"]);
      return files;
    });
    expect(used.sort()).toEqual(sampleFiles); // and no file is left over
  });

  it("type-check as a consumer writes them", async () => {
    const files = sampleFiles.filter((file) => file.endsWith(".ts")).map((file) => path.join(SAMPLES, file));
    const config = path.join(dir, "tsconfig.json");
    const typeRoots = path.join(repoRoot, "node_modules", "@types");
    await writeFile(config, consumerTsconfig(files, sourceEntries(repoRoot), { nodeTypes: true, typeRoots }));
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const output = await promisify(execFile)(process.execPath, [tsc, "-p", config]).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe("");
  });

  const LINK = "30cb4806-6e00-48a4-91c9-ca55968576c8"; // the link both samples use
  const seed = { id: LINK, institution: "erebor_mx_retail", owners: "standard" as const };
  let runs = 0;

  /** Runs both samples, in order, against a fake Belvo (through msw, at the sandbox origin they call). */
  async function runSamples(options: Parameters<typeof createFakeBelvoHandlers>[0] = {}) {
    const fake = createFakeBelvoHandlers(options);
    const server = setupServer(...fake.handlers);
    server.listen({ onUnhandledRequest: "error" });
    vi.stubEnv("BELVO_SECRET_ID", fake.secretId);
    vi.stubEnv("BELVO_SECRET_PASSWORD", fake.secretPassword);
    vi.stubEnv("BELVO_MFA_TOKEN", fake.mfaTokenFor(LINK) ?? "no-token-expected");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      for (const file of MFA_SAMPLES) {
        const outfile = path.join(dir, `${file}-${++runs}.mjs`); // a new file each run: a module runs once
        await build({
          entryPoints: [path.join(SAMPLES, `${file}.ts`)],
          outfile,
          bundle: true,
          format: "esm",
          platform: "node",
          alias: { "belvo-openapi-client": path.join(repoRoot, "src", "index.ts") },
          external: ["openapi-fetch"],
          logLevel: "silent",
        });
        await import(pathToFileURL(outfile).href);
      }
      return {
        logged: log.mock.calls.map((call) => String(call[0])),
        exchanges: fake.exchanges.map((e) => [e.method, e.status, e.tokenSent]),
      };
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
      server.close();
    }
  }

  it("run against the fake Belvo: each meets the 428 and finishes with the token, as Belvo runs each flow", async () => {
    const { logged, exchanges } = await runSamples();
    expect(logged).toEqual([
      "the bank asks for a token:",
      "link updated:",
      "the bank asks for a token:",
      "owners saved:",
      "owners read, not saved:",
    ]);
    expect(exchanges).toEqual([
      ["PUT", 428, false],
      ["PUT", 200, true],
      ["POST", 428, false],
      ["PATCH", 201, true],
      ["POST", 428, false],
      ["PATCH", 200, true],
    ]);
  });

  it("resume without a token when the user confirms on another device (expects_user_input false)", async () => {
    const device = { ...seed, mfa: { token: "device-approval", expectsUserInput: false } };
    const { logged, exchanges } = await runSamples({ links: [device] });
    expect(logged).toEqual([
      "the bank asks for a token:",
      "link updated:",
      "the bank asks for a token:",
      "owners saved:",
      "owners read, not saved:",
    ]);
    expect(exchanges).toEqual([
      ["PUT", 428, false],
      ["PUT", 200, false],
      ["POST", 428, false],
      ["PATCH", 201, false],
      ["POST", 428, false],
      ["PATCH", 200, false],
    ]);
  });

  it("need no token when the bank asks for none", async () => {
    const { logged, exchanges } = await runSamples({ links: [seed] });
    expect(logged).toEqual(["link updated:", "owners saved:", "no token needed:"]);
    expect(exchanges).toEqual([
      ["PUT", 200, false],
      ["POST", 201, false],
      ["POST", 200, false],
    ]);
  });
});

describe("generate's to-do for an operation without its samples", () => {
  it("names the two files to write, from the method and path for an operationId with no letter or digit", async () => {
    const bundle = JSON.parse(await readFile(path.join(repoRoot, "generated", "openapi.json"), "utf8"));
    // `_` passes the lint (url-safe), and reads as no word in kebab case: the files were `.ts` and `.sh`.
    const operation = bundle.paths["/api/owners/"].patch;
    operation.operationId = "_";
    delete operation["x-codeSamples"];
    const toDos = await remainingToDos(projectPaths(repoRoot), bundle);
    expect(toDos.filter((toDo) => toDo.includes("needs its code samples"))).toEqual([
      "spec/paths/api_owners.yaml: PATCH /api/owners/ (_) needs its code samples: write " +
        "spec/code-samples/patch-api-owners.ts and spec/code-samples/patch-api-owners.sh, and list them under its " +
        "x-codeSamples, labelled TypeScript then curl (spec:adopt writes them for the operations it adopts)",
    ]);
  });
});

describe("the curl samples", () => {
  let fake: FakeBelvoServer;
  beforeAll(async () => void (fake = await startFakeBelvo()));
  afterAll(() => fake.close());

  /**
   * Method, URL, headers and body, read out of a curl command as the docs show it. Strict: an option this reader does
   * not know fails the test, so nothing in a sample goes unchecked.
   */
  function parseCurl(command: string) {
    const env = { BELVO_SECRET_ID: fake.secretId, BELVO_SECRET_PASSWORD: fake.secretPassword };
    const [program, ...args] = shellWords(command, env);
    expect(program).toBe("curl");
    let method = "GET";
    let url: URL | undefined;
    let body: string | undefined;
    const headers = new Headers();
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = () => args[++i] ?? expect.fail(`${arg} has no value`);
      if (arg === "-X") method = value();
      else if (arg === "-H") headers.append(...(value().split(/:\s*/, 2) as [string, string]));
      else if (arg === "-u") headers.set("authorization", `Basic ${btoa(value())}`);
      else if (arg === "-d") body = value();
      else if (!arg.startsWith("-") && !url) url = new URL(arg);
      else expect.fail(`the curl sample uses ${arg}, which this test does not read`);
    }
    if (!url) expect.fail("the curl sample has no URL");
    return { method, path: url.pathname + url.search, headers, body };
  }

  it("are read strictly: an option or shell syntax the reader does not know fails, it is never skipped", () => {
    const base = `curl -X PUT "https://sandbox.belvo.com/api/links/x/" \\\n  -u "$BELVO_SECRET_ID:$BELVO_SECRET_PASSWORD"`;
    expect(parseCurl(base)).toMatchObject({ method: "PUT", path: "/api/links/x/", body: undefined });
    expect(parseCurl(base).headers.get("authorization")).toBe(
      `Basic ${btoa(`${fake.secretId}:${fake.secretPassword}`)}`,
    );
    expect(() => parseCurl(`${base} --insecure`)).toThrow("uses --insecure");
    expect(() => parseCurl(`${base} -H "X-Token: $BELVO_MFA_TOKEN"`)).toThrow("reads $BELVO_MFA_TOKEN");
    expect(() => parseCurl(`${base}; rm -rf /`)).toThrow("has ; rm");
  });

  it.each(sampleFiles.filter((file) => file.endsWith(".sh")))(
    "%s sends a request the fake takes as valid, to an operation of the spec",
    async (file) => {
      const sample = parseCurl(await readFile(path.join(SAMPLES, file), "utf8"));
      const route = matchRoute(sample.method, new URL(sample.path, fake.url).pathname);
      if (!route || "allow" in route) return expect.fail(`${sample.method} ${sample.path} is no operation of the spec`);
      const response = await fetch(`${fake.url}${sample.path}`, {
        method: sample.method,
        headers: sample.headers,
        body: sample.body,
      });
      const text = await response.text();
      const answer = text ? (JSON.parse(text) as unknown) : undefined;
      // A documented answer (the link update meets the bank's MFA; the resume's sample session is not one the fake
      // opened, a 400 session_expired), and no field missing or malformed: the request itself is right.
      expect(Object.keys(findOperation(route.operation).operation.responses)).toContain(String(response.status));
      const codes = Array.isArray(answer) ? answer.map((error: { code?: string }) => error.code) : [];
      expect(codes).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(required|invalid|blank|null|authentication_failed)$/)]),
      );
    },
  );

  it("the owners sample saves the owners when its session and token are a live session's", async () => {
    const sample = parseCurl(await readFile(path.join(SAMPLES, "complete-owners-request.sh"), "utf8"));
    const body = JSON.parse(sample.body!) as { session: string; link: string; token: string; save_data: boolean };
    const auth = { authorization: sample.headers.get("authorization")!, "content-type": "application/json" };
    // The owners request the sample finishes, as retrieve-owners.sh starts it.
    const paused = await fetch(`${fake.url}/api/owners/`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ link: body.link }),
    });
    const [{ session }] = (await paused.json()) as [{ session: string }];
    expect(paused.status).toBe(428);
    const response = await fetch(`${fake.url}${sample.path}`, {
      method: sample.method,
      headers: sample.headers,
      body: JSON.stringify({ ...body, session, token: fake.mfaTokenFor(body.link) }),
    });
    expect(response.status).toBe(201); // save_data: true in the sample
    expect(((await response.json()) as unknown[]).length).toBeGreaterThan(0);
  });
});

/**
 * The words of a POSIX shell command line, as the shell would pass them: backslash-newline is removed, single quotes
 * keep everything, double quotes expand `$NAME` from `env` (an unknown name fails, as `set -u` would). Anything else
 * a shell would treat specially (a bare `$`, `\\`, `;`, a glob…) fails the test rather than be read wrongly.
 */
function shellWords(command: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  const token = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\\n)|(\s+)|([\w@%+=:,./-]+)/y;
  const text = command.trim();
  let word: string | undefined;
  while (token.lastIndex < text.length) {
    const start = token.lastIndex;
    const match =
      token.exec(text) ?? expect.fail(`the curl sample has ${text.slice(start, start + 20)}…, not read here`);
    const [, single, double, continuation, space, bare] = match;
    if (continuation) continue;
    if (space) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    const expanded = double?.replace(/\\([$`"\\])|\$(\w+)/g, (_, escaped?: string, name?: string) => {
      if (escaped !== undefined) return escaped;
      return env[name!] ?? expect.fail(`the curl sample reads $${name}, which the test does not set`);
    });
    word = (word ?? "") + (single ?? expanded ?? bare);
  }
  if (word !== undefined) words.push(word);
  return words;
}
