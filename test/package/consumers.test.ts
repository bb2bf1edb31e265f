// Consumers of the packed tarball: `npm pack`, installed offline into a new project from local tarballs only (the
// client's and its runtime dependencies', so no npm cache is needed), used as ESM, as CJS, and from TypeScript with
// moduleResolution node16 and bundler; a deliberate misuse must fail to type-check; without msw, its testing/msw entry
// must say to install it. Its `belvo-fake` bin is started as a user would, and driven with plain fetch.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBelvoClient } from "../../src/index.js";
import { killGroup, processGroup } from "../helpers/processes.js";
import { packRuntimeDependencies } from "../helpers/pack-runtime-dependencies.js";
import { readmeBlocks } from "../helpers/readme-blocks.js";
import { repoRoot } from "../helpers/project-copy.js";
import { later, twoAtATime } from "../helpers/two-at-a-time.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
let consumer: string;
/** The tarball `npm pack` made (its path), and the files npm listed in it. */
let tarball: string;
let packedFiles: string[];
/** What `npm publish --dry-run` listed, from a checkout without dist/. */
let publishedFiles: string[];
type Output = { stdout: string; stderr: string };
/** A run expected to fail: its output and exit code (execFile's rejection). */
type Exit = Output & { code: number };
/**
 * The installed package's checks, each a child process of a few seconds (publint, attw, the scripts, jest, tsc):
 * started two at a time once it is installed, each test below awaiting and asserting its own.
 */
let checks: Record<"publint" | "attw" | "esm" | "cjs" | "jest" | "node16" | "bundler", Promise<Output>> &
  Record<"mswMissingEsm" | "mswMissingCjs", Promise<Exit>>;
/** The README's jest files, as the jest check wrote them into the consumer. */
let jestFiles: string[];

const ESM_FLOW = `
import { createBelvoClient, tokenChallenge, unwrap, isTokenRequired } from "belvo-openapi-client";
import { startFakeBelvo } from "belvo-openapi-client/testing";
import spec from "belvo-openapi-client/openapi.json" with { type: "json" };

const fake = await startFakeBelvo();
try {
  const belvo = createBelvoClient({ secretId: fake.secretId, secretPassword: fake.secretPassword, baseUrl: fake.url });
  const link = fake.links[0].id;
  const started = await belvo.retrieveOwners({ link });
  const challenge = tokenChallenge(started);
  const owners = unwrap(await belvo.resumeOwnersRequest(challenge, fake.mfaTokenFor(link), { save_data: true }));
  console.log(JSON.stringify({ first: started.response.status, tokenRequired: isTokenRequired(started.error), owners: owners.length, specVersion: spec.info.version }));
} finally {
  await fake.close();
}
`;

const CJS_USE = `
const { createBelvoClient, isNotFound, BelvoInputError } = require("belvo-openapi-client");
const { startFakeBelvo } = require("belvo-openapi-client/testing");
(async () => {
  const fake = await startFakeBelvo();
  try {
    const belvo = createBelvoClient({ secretId: fake.secretId, secretPassword: fake.secretPassword, baseUrl: fake.url });
    const missing = await belvo.updateLinkCredentials("00000000-0000-4000-8000-000000000000", { password: "p" });
    const refused = await belvo.updateLinkCredentials("nope", { password: "p" }).catch((e) => e instanceof BelvoInputError);
    console.log(JSON.stringify({ status: missing.response.status, notFound: isNotFound(missing.error), refused }));
  } finally {
    await fake.close();
  }
})();
`;

const TYPED_USE = `
import { createBelvoClient, hasErrorCode, isTokenRequired, tokenChallenge, type ErrorCode } from "belvo-openapi-client";
import type { BelvoError, Link, Owner, OwnerBusinessOpenFinanceBrazil, OwnerIndividualOpenFinanceBrazil, OwnerStandard, PatchBody, TokenRequiredError, paths } from "belvo-openapi-client/types";

export async function example(): Promise<string> {
  const belvo = createBelvoClient({ secretId: "id", secretPassword: "pw", environment: "sandbox" });
  const result = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", { password: "p" });
  if (result.ok) {
    const link: Link = result.data;
    return link.status ?? "unknown";
  }
  if (isTokenRequired(result.error)) {
    const first: TokenRequiredError | undefined = result.error[0];
    return first?.session ?? tokenChallenge(result)?.session ?? "";
  }
  const errors: BelvoError[] = result.error;
  const notFound: ErrorCode = "not_found";
  return hasErrorCode(errors, notFound) ? "missing" : String(errors.length);
}

export function name(owner: Owner): string | null {
  if ("company_name" in owner) return (owner as OwnerBusinessOpenFinanceBrazil).company_name;
  if ("birth_date" in owner) return (owner as OwnerIndividualOpenFinanceBrazil).display_name;
  return (owner as OwnerStandard).display_name;
}

export const body: PatchBody = { session: "2675b703b9d4451f8d4861a3eee54449", link: "30cb4806-6e00-48a4-91c9-ca55968576c8", save_data: false };
export type PutPath = keyof paths;
`;

const MISUSE = `
import { createBelvoClient } from "belvo-openapi-client";
const belvo = createBelvoClient({ secretId: "id", secretPassword: "pw" });
void belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", { token: "123456" });
`;

function tsconfig(module: string, moduleResolution: string, files: string[]) {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      module,
      moduleResolution,
      strict: true,
      noEmit: true,
      types: [],
      // The package's declaration files are checked; TypeScript's own lib files, which prove nothing about the
      // package, are not (half of each check's time).
      skipLibCheck: false,
      skipDefaultLibCheck: true,
    },
    files,
  });
}

beforeAll(async () => {
  consumer = await mkdtemp(path.join(tmpdir(), "belvo-consumer-"));
  // With no dist/, npm publish builds it itself (the prepack script) before it packs: the dry run shows what it
  // would ship. The tarball is then packed from that build (prepack's second run would rebuild the same files).
  // The runtime dependencies are packed meanwhile.
  await rm(path.join(repoRoot, "dist"), { recursive: true, force: true });
  const [{ stdout: published }, overrides] = await Promise.all([
    run(npm, ["publish", "--dry-run", "--json"], { cwd: repoRoot }),
    packRuntimeDependencies(consumer),
  ]);
  publishedFiles = (JSON.parse(published) as Record<string, { files: Array<{ path: string }> }>)[
    "belvo-openapi-client"
  ]!.files.map((file) => file.path);
  const { stdout: packed } = await run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", consumer], {
    cwd: repoRoot,
  });
  const [report] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(consumer, report!.filename);
  packedFiles = report!.files.map((file) => file.path).sort();
  await writeFile(
    path.join(consumer, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      dependencies: { "belvo-openapi-client": `file:./${report!.filename}` },
      overrides,
    }),
  );
  await run(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: consumer });
  await writeFile(path.join(consumer, "flow.mjs"), ESM_FLOW);
  await writeFile(path.join(consumer, "use.cjs"), CJS_USE);
  await writeFile(path.join(consumer, "typed.mts"), TYPED_USE);
  await writeFile(path.join(consumer, "typed.ts"), TYPED_USE);
  await writeFile(path.join(consumer, "misuse.ts"), MISUSE);
  await writeFile(path.join(consumer, "tsconfig.node16.json"), tsconfig("node16", "node16", ["typed.mts", "typed.ts"]));
  await writeFile(
    path.join(consumer, "tsconfig.bundler.json"),
    tsconfig("esnext", "bundler", ["typed.ts", "misuse.ts"]),
  );

  const queue = twoAtATime();
  const node = (args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; maxBuffer?: number }) =>
    later(queue(() => run(process.execPath, args, options)));
  const failing = (args: string[]) =>
    later(
      queue(() =>
        run(process.execPath, args, { cwd: consumer }).then(
          (output) => ({ ...output, code: 0 }),
          (error: Exit) => error,
        ),
      ),
    );
  const attw = path.join(repoRoot, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
  checks = {
    publint: node([path.join(repoRoot, "node_modules", "publint", "src", "cli.js"), "--strict"], { cwd: repoRoot }),
    attw: node([attw, tarball, "--format", "json"], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }),
    esm: node(["flow.mjs"], { cwd: consumer }),
    cjs: node(["use.cjs"], { cwd: consumer }),
    // The consumer has no msw (see the install test below).
    mswMissingEsm: failing(["--input-type=module", "-e", 'await import("belvo-openapi-client/testing/msw")']),
    mswMissingCjs: failing(["-e", 'require("belvo-openapi-client/testing/msw")']),
    jest: later(
      queue(async () => {
        const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
        const blocks = readmeBlocks(readme).filter(({ file }) => /^(jest\.config\.mjs|.+\.test\.[cm]js)$/.test(file));
        jestFiles = blocks.map(({ file }) => file).sort();
        for (const { file, code } of blocks) await writeFile(path.join(consumer, file), code);
        const jest = path.join(repoRoot, "node_modules", "jest", "bin", "jest.js");
        return run(process.execPath, ["--experimental-vm-modules", jest, "--ci"], {
          cwd: consumer,
          env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
        }).catch((error: { stdout: string; stderr: string }) => {
          throw new Error(`jest failed:\n${error.stdout}\n${error.stderr}`);
        });
      }),
    ),
    node16: node([tsc, "-p", "tsconfig.node16.json"], { cwd: consumer }),
    // Its only error must be the misuse's: the compiler's output either way.
    bundler: later(
      queue(() =>
        run(process.execPath, [tsc, "-p", "tsconfig.bundler.json"], { cwd: consumer }).catch((error: Output) => error),
      ),
    ),
  };
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(Object.values(checks ?? {}));
  await rm(consumer, { recursive: true, force: true });
});

// Its tests await runs queued two at a time before them: on a loaded machine, one may wait out the others' first.
describe("the packed package, installed in a new project", { timeout: 120_000 }, () => {
  it("passes publint --strict", async () => {
    const { stdout } = await checks.publint;
    expect(stdout).toContain("All good!");
  });

  it("passes attw (every entry resolves under node10, node16 CJS and ESM, and bundler)", async () => {
    const { stdout } = await checks.attw;
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
    expect(report.problems).toEqual({});
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
      ".",
      "./openapi.json",
      "./package.json",
      "./testing",
      "./testing/msw",
      "./types",
    ]);
  });

  it("builds dist/ before npm publish packs it (prepack), so a stale build can never ship", () => {
    expect(publishedFiles).toEqual(
      expect.arrayContaining(["dist/index.mjs", "dist/index.cjs", "dist/testing.mjs", "dist/types.d.ts"]),
    );
    expect(packedFiles).toEqual([...publishedFiles].sort());
  });

  it("ships only dist/, the bundled spec, the changelog and the package files", () => {
    expect(packedFiles.filter((f) => !f.startsWith("dist/"))).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "bin/belvo-fake.mjs",
      "generated/openapi.json",
      "package.json",
    ]);
  });

  it("installs from local tarballs only: the client and each of its runtime dependencies", async () => {
    const lock = JSON.parse(await readFile(path.join(consumer, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>;
    };
    const installed = Object.entries(lock.packages).filter(([where]) => where !== "");
    expect(installed.map(([where]) => where).sort()).toEqual([
      "node_modules/belvo-openapi-client",
      "node_modules/openapi-fetch",
      "node_modules/openapi-typescript-helpers",
    ]);
    for (const [, { resolved }] of installed) expect(resolved).toMatch(/^file:[\w.-]+\.tgz$/);
  });

  it("runs the MFA flow from an ESM script against the fake Belvo from /testing", async () => {
    const { stdout } = await checks.esm;
    expect(JSON.parse(stdout)).toEqual({ first: 428, tokenRequired: true, owners: 1, specVersion: "1.223.0" });
  });

  it("works from a CommonJS script with require()", async () => {
    const { stdout } = await checks.cjs;
    expect(JSON.parse(stdout)).toEqual({ status: 404, notFound: true, refused: true });
  });

  it.each([
    ["import", "mswMissingEsm"],
    ["require()", "mswMissingCjs"],
  ] as const)("tells a project without msw that testing/msw needs it, the optional peer (%s)", async (_, check) => {
    const { code, stderr } = await checks[check];
    const { peerDependencies } = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8"));
    const hint = `belvo-openapi-client/testing/msw needs msw (${peerDependencies.msw}), an optional peer dependency: npm install --save-dev msw`;
    expect(code).not.toBe(0);
    // The error Node reports is the hint, not the bare "Cannot find package 'msw'" (that one is its cause).
    expect(stderr.split("\n").find((line) => /^\w*Error\b/.test(line))).toBe(`Error: ${hint}`);
  });

  it("runs the README's jest setup and tests, ESM and CommonJS, in jest", async () => {
    const { stderr } = await checks.jest;
    expect(jestFiles).toEqual(["jest.config.mjs", "owners.test.cjs", "owners.test.mjs"]);
    expect(stderr).toMatch(/PASS .*owners\.test\.mjs/);
    expect(stderr).toMatch(/PASS .*owners\.test\.cjs/);
    expect(stderr).toMatch(/Tests: +2 passed, 2 total/);
  });

  it("type-checks a TypeScript consumer with moduleResolution node16", async () => {
    await expect(checks.node16).resolves.toBeDefined();
  });

  it("type-checks it with moduleResolution bundler, and refuses a call without the required password", async () => {
    // One tsc run for both files: its only error must be the misuse's.
    const { stdout: output } = await checks.bundler;
    const errors = output.split("\n").filter((line) => /error TS/.test(line));
    expect(errors).toHaveLength(1);
    expect(output).toMatch(/^misuse\.ts\(4,.*error TS2345:.*Property 'password' is missing/s);
  });
});

describe("the belvo-fake bin from the packed tarball", () => {
  const bin = () => path.join(consumer, "node_modules", ".bin", "belvo-fake");

  /** Starts the bin on a free port; resolves with its URL once it says it listens. */
  function startBin(
    command = bin(),
    args: string[] = [],
  ): Promise<{ child: ChildProcess; url: string; banner: () => string }> {
    // In a process group of its own, so that a test can stop whatever npm or npx left behind.
    const child = spawn(command, [...args, "--port", "0"], { cwd: consumer, detached: true });
    let banner = "";
    child.stdout.setEncoding("utf8");
    return new Promise((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`belvo-fake exited ${code}: ${banner}`)));
      child.stdout.on("data", (chunk: string) => {
        banner += chunk;
        const url = /^Fake Belvo listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(banner)?.[1];
        if (url && banner.includes("Ctrl-C stops it.")) resolve({ child, url, banner: () => banner });
      });
    });
  }

  it("serves the MFA flow to plain fetch, takes faults over its control API, and frees its port on SIGTERM", async () => {
    const { child, url, banner } = await startBin();
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const control = (await (await fetch(`${url}/__fake/`)).json()) as {
        secretId: string;
        secretPassword: string;
        links: Array<{ id: string; mfa: { token: string } | null }>;
      };
      const authorization = `Basic ${btoa(`${control.secretId}:${control.secretPassword}`)}`;
      const mfaLink = control.links.find((link) => link.mfa)!.id;
      expect(banner()).toContain(mfaLink);
      const send = (method: string, where: string, body: unknown) =>
        fetch(`${url}${where}`, {
          method,
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify(body),
        });

      // The owners flow with nothing but fetch: 428, the token the bank app shows, then the owners.
      const paused = await send("POST", "/api/owners/", { link: mfaLink });
      expect(paused.status).toBe(428);
      const { session } = ((await paused.json()) as Array<{ session: string }>)[0]!;
      const { token } = (await (await fetch(`${url}/__fake/links/${mfaLink}/mfa-token`)).json()) as { token: string };
      const owners = await send("PATCH", "/api/owners/", { session, link: mfaLink, token });
      expect(owners.status).toBe(201);

      // A 503 injected over the control API, which the client retries.
      const plainLink = control.links.find((link) => !link.mfa)!.id;
      const fault = await fetch(`${url}/__fake/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: 503, match: { method: "PUT" } }),
      });
      expect(fault.status).toBe(201);
      const retries: number[] = [];
      const belvo = createBelvoClient({
        secretId: control.secretId,
        secretPassword: control.secretPassword,
        baseUrl: url,
        retry: { initialDelayMs: 1, onRetry: ({ status }) => void retries.push(status!) },
      });
      expect((await belvo.updateLinkCredentials(plainLink, { password: "p" })).response.status).toBe(200);
      expect(retries).toEqual([503]);
      const exchanges = (await (await fetch(`${url}/__fake/exchanges`)).json()) as Array<{ status: number }>;
      expect(exchanges.map((exchange) => exchange.status)).toEqual([428, 201, 503, 200]);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    const { port } = new URL(url);
    const server = createServer();
    await new Promise<void>((resolve, reject) =>
      server.once("error", reject).listen(Number(port), "127.0.0.1", resolve),
    );
    await new Promise((resolve) => server.close(resolve));
  });

  it("stops when the npx that started it is killed, as `kill %1` after `npx belvo-fake &` does", async () => {
    const { child, url } = await startBin(npm, ["exec", "--offline", "--", "belvo-fake"]);
    child.kill("SIGTERM"); // npm's process: the signal does not reach the server itself
    // Stopped: a connection to its port refused, and nothing of npm's group left running (a process that has exited
    // may stay a zombie, Z, its new parent not reaping it). Polled as a sentence, so that a failure says what it found.
    const { port } = new URL(url);
    const connection = () =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1");
        socket.once("connect", () => (socket.destroy(), resolve("accepted")));
        socket.once("error", (error: NodeJS.ErrnoException) =>
          resolve(error.code === "ECONNREFUSED" ? "refused" : `failed with ${error.code}`),
        );
      });
    const state = async () => {
      const answered = await connection();
      const running = processGroup(child.pid!).filter(({ state }) => state !== "Z" && state !== "X");
      if (answered === "refused" && running.length === 0) return "stopped";
      const left = running.map(({ pid, ppid, state, command }) => `${command} (pid ${pid}, parent ${ppid}, ${state})`);
      return `connection ${answered}; running in npm's group: ${left.join(", ") || "nothing"}`;
    };
    try {
      // The fake notices its parent is gone within 500 ms; the deadline allows for a machine busy with the other tests.
      await expect.poll(state, { timeout: 20_000, interval: 100 }).toBe("stopped");
    } finally {
      killGroup(child.pid!);
    }
  });

  it("says, in a clone of the repository without dist/, to build it or use npm run fake", async () => {
    const clone = await mkdtemp(path.join(tmpdir(), "belvo-unbuilt-"));
    try {
      await mkdir(path.join(clone, "bin"));
      await copyFile(path.join(repoRoot, "bin", "belvo-fake.mjs"), path.join(clone, "bin", "belvo-fake.mjs"));
      const failure = await run(process.execPath, [path.join(clone, "bin", "belvo-fake.mjs")]).then(
        () => ({ code: 0, stderr: "" }),
        (error: Exit) => error,
      );
      expect(failure).toMatchObject({
        code: 1,
        stderr:
          "belvo-fake: dist/ is not built: in a clone of the repository, `npm run fake`, or `npm run build` first\n",
      });
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it("refuses bad flags with a message and exit code 2", async () => {
    for (const args of [["--port", "http"], ["--port", "70000"], ["--nope"], ["--session-ttl", "0"]]) {
      const failure = await run(bin(), args, { cwd: consumer }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure.code).toBe(2);
      expect(failure.stderr).toMatch(/^belvo-fake: .+\nusage: belvo-fake/);
    }
  });
});
