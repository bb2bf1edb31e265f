// The fake Belvo's control API under /__fake/ (what `belvo-fake` users drive with curl), and `npm run fake`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MFA_LINK, PLAIN_LINK, clientFor, useFakeBelvo } from "../helpers/fake-belvo.js";
import { alive, descendants, killGroup } from "../helpers/processes.js";
import { repoRoot } from "../helpers/project-copy.js";
import { operationRules } from "../../generated/operation-rules.js";
import { canMatch } from "../../src/testing/fake-routes.js";

/** A method of the spec and a path of the spec that no operation has together (read from the operation table). */
function methodNotOnPath(): { method: string; path: string } {
  const rules = Object.values(operationRules);
  for (const { path } of rules) {
    const method = rules.map((rule) => rule.method).find((m) => !canMatch(m, path));
    if (method) return { method, path };
  }
  throw new Error("every method of the spec is on every one of its paths: no such match to refuse");
}

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

const fake = useFakeBelvo();
/** A control request as curl users send one: JSON, which the control API asks of everything but a GET. */
const control = (route: string, init?: RequestInit) =>
  fetch(`${fake().url}/__fake/${route}`, { ...init, headers: { "content-type": "application/json" } });
const post = (route: string, body?: unknown) =>
  control(route, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });

describe("the control API", () => {
  it("lists the credentials, the links with their MFA, and its routes", async () => {
    const listed = await (await control("")).json();
    expect(listed).toMatchObject({ secretId: fake().secretId, secretPassword: fake().secretPassword });
    expect(listed.links.map((link: { id: string }) => link.id)).toEqual(fake().links.map((link) => link.id));
    expect(Object.keys(listed.routes)).toContain("POST /__fake/faults");
    expect(await (await control(`links/${MFA_LINK}/mfa-token`)).json()).toEqual({
      token: fake().mfaTokenFor(MFA_LINK),
      expectsUserInput: true,
    });
    expect((await control("links/not-a-link/mfa-token")).status).toBe(404);
    expect((await control("links/%E0%A4%A/mfa-token")).status).toBe(404);
    expect((await control("nothing-here")).status).toBe(404);
    expect(fake().exchanges).toEqual([]); // control requests are not Belvo's
  });

  it("answers a fault's header in place of its own of the same name, in any case: never both", async () => {
    const fault = {
      status: 502,
      body: "<html>x</html>",
      headers: { "content-type": "text/html", "x-request-id": "r" },
    };
    expect((await post("faults", fault)).status).toBe(201);
    const answer = await fetch(`${fake().url}/api/links/${PLAIN_LINK}/`, { method: "PUT" });
    expect([answer.status, answer.headers.get("content-type"), answer.headers.get("x-request-id")]).toEqual([
      502,
      "text/html",
      "r",
    ]);
  });

  it("queues faults from JSON, and refuses a malformed one saying what is wrong", async () => {
    const refusals: Array<[unknown, RegExp]> = [
      ["{", /JSON fault/],
      [[], /JSON object/],
      [{ statu: 503 }, /"statu" is not a fault field/],
      [{ status: 42 }, /"status"/],
      [{ delayMs: -1 }, /"delayMs"/],
      [{ delayMs: 2 ** 31 }, /"delayMs"/], // more than a timer holds
      [{ drop: "sometimes" }, /"drop"/],
      [{ times: 0 }, /"times"/],
      [{ match: { verb: "PUT" } }, /"match"/],
      [{ headers: { "Retry-After": 1 } }, /"headers"/],
      [{ headers: ["x"] }, /"headers"/],
      [{ headers: { "bad name": "x" } }, /"headers"/],
      [{ headers: { "X-Split": "a\r\nb" } }, /"headers"/],
      [{ match: [] }, /"match"/],
      // A match that no operation of the spec can meet would be queued and never fire.
      [{ match: { path: "api/links" } }, /can match no operation/],
      [{ match: { path: "/api/links/x/y/" } }, /can match no operation/],
      [{ match: { method: "TRACE" } }, /can match no operation/],
      [{ match: methodNotOnPath() }, /can match no operation/], // each alone can, not together
    ];
    for (const [body, message] of refusals) {
      const response = await control("faults", {
        method: "POST",
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(message);
    }
    for (const match of [{ path: "/" }, { path: "/api/li" }, { method: "patch", path: "/api/owners/" }]) {
      expect((await post("faults", { status: 500, match })).status).toBe(201);
    }
    expect((await control("faults", { method: "DELETE" })).status).toBe(204);
    expect(() => fake().injectFault({ match: { path: "api/links" } })).toThrow(/can match no operation/);
    expect((await post("faults", { status: 500, times: 2, match: { method: "put" } })).status).toBe(201);
    const result = await clientFor(fake(), { retry: false }).updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(result.response.status).toBe(500);
    expect((await control("faults", { method: "DELETE" })).status).toBe(204);
    const after = await clientFor(fake(), { retry: false }).updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(after.response.status).toBe(200);
  });

  it("plays a fault injected from JavaScript as the control API does, and refuses one with inherited fields", async () => {
    const belvo = clientFor(fake(), { retry: false });
    fake().injectFault({ status: 429, match: { method: "put" } }); // the method in any case, as over HTTP
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(429);
    // A field on a prototype would be played (a `times` of -1 never runs out) though no check saw it.
    const inherited = Object.create({ times: -1 }, { status: { value: 503, enumerable: true } });
    expect(() => fake().injectFault(inherited)).toThrow(/a fault must be a JSON object/);
    expect((await belvo.updateLinkCredentials(PLAIN_LINK, { password: "p" })).response.status).toBe(200);
  });

  it("reads and forgets the exchanges, expires sessions and resets", async () => {
    fake().exchanges.length = 0;
    const belvo = clientFor(fake());
    await belvo.updateLinkCredentials(MFA_LINK, { password: "p" });
    expect(((await (await control("exchanges")).json()) as unknown[]).length).toBe(1);
    expect((await control("exchanges", { method: "DELETE" })).status).toBe(204);
    expect(fake().exchanges).toEqual([]);

    const paused = await belvo.retrieveOwners({ link: MFA_LINK });
    expect((await post("expire-sessions")).status).toBe(204);
    const [error] = paused.ok ? [] : (paused.error as Array<{ session: string }>);
    const late = await belvo.completeOwnersRequest({ session: error!.session, link: MFA_LINK, token: "482913" });
    expect(late.ok ? [] : late.error.map((e) => e.code)).toEqual(["session_expired"]);

    await post("faults", { status: 503 });
    expect((await post("reset")).status).toBe(204);
    expect(fake().exchanges).toEqual([]);
    const fresh = await clientFor(fake(), { retry: false }).updateLinkCredentials(PLAIN_LINK, { password: "p" });
    expect(fresh.response.status).toBe(200); // the fault went with the reset
  });
});

/** The fake's URL, once the server started as `child` says it listens. */
function listeningUrl(child: ChildProcess): Promise<string> {
  let output = "";
  child.stdout!.setEncoding("utf8");
  return new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`exited ${code}`)));
    child.stdout!.on("data", (chunk: string) => {
      output += chunk;
      const found = /^Fake Belvo listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
      if (found) resolve(found);
    });
  });
}

describe("npm run fake", () => {
  it("starts the server on the port asked for, with its limits, and stops on SIGINT with exit code 0", async () => {
    const flags = ["--port", "0", "--max-body-bytes", "64", "--max-exchanges", "1"];
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts", "fake.ts"), ...flags], {
      cwd: repoRoot,
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const url = await listeningUrl(child);
    try {
      expect((await fetch(`${url}/api/links/${PLAIN_LINK}/`, { method: "PUT" })).status).toBe(401);
      const large = await fetch(`${url}/api/links/${PLAIN_LINK}/`, { method: "PUT", body: "x".repeat(65) });
      expect(large.status).toBe(413); // --max-body-bytes 64
      await fetch(`${url}/api/`);
      const exchanges = (await (await fetch(`${url}/__fake/exchanges`)).json()) as Array<{ path: string }>;
      expect(exchanges.map((exchange) => exchange.path)).toEqual(["/api/"]); // --max-exchanges 1: the newest
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  // Without npm, only the parent counts: a shell started by a script that then ends (nohup sh -c …, setsid) must keep
  // its command running, though the shell's own parent is gone.
  it.skipIf(!existsSync("/proc/self/stat"))(
    "keeps running, outside npm, when the shell that started it outlives the script that started the shell",
    async () => {
      const fakeCommand = `"${process.execPath}" --import tsx scripts/fake.ts --port 0`;
      const { npm_lifecycle_event: _, ...env } = process.env;
      // The script starts the shell in the background; killed, it leaves the shell reparented, the server not.
      const script = spawn("sh", ["-c", `sh -c '${fakeCommand}' & wait`], {
        cwd: repoRoot,
        env,
        detached: true,
      });
      try {
        await listeningUrl(script);
        const server = descendants(script.pid!).find(({ command }) => command === "node")!.pid;
        script.stdout!.destroy();
        process.kill(script.pid!, "SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // three of its checks
        expect(alive(server)).toBe(true);
      } finally {
        killGroup(script.pid!);
      }
    },
  );

  // The server notes its parent first thing, not once it listens: a parent gone before it begins to watch (killed on
  // seeing the banner, while the server was descheduled) would otherwise leave it watching whatever it was reparented to.
  it.skipIf(!existsSync("/proc/self/stat"))(
    "stops when its parent went before it began to watch: the parent is the one noted when it started",
    async () => {
      const module = JSON.stringify(path.join(repoRoot, "src", "process", "orphaned.ts"));
      const program = [
        `import { noteParent } from ${module};`,
        "const onOrphaned = noteParent();",
        'process.once("SIGUSR2", () => onOrphaned(() => (console.log("stopped"), process.exit(0))));',
        "console.log(`noted ${process.pid}`);",
        "setInterval(() => {}, 1000);",
      ].join("\n");
      const { npm_lifecycle_event: _, ...env } = process.env; // outside npm: its parent alone is watched
      // `; :` keeps the shell there, waiting, as the parent that goes. Node and the program as the shell's $0 and $1.
      const node = '"$0" --import tsx --input-type=module -e "$1"; :';
      const shell = spawn("sh", ["-c", node, process.execPath, program], { cwd: repoRoot, env, detached: true });
      let output = "";
      shell.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      try {
        await expect.poll(() => output, { timeout: 20_000, interval: 50 }).toMatch(/^noted \d+$/m);
        shell.kill("SIGKILL");
        await new Promise((resolve) => shell.once("exit", resolve));
        process.kill(Number(/^noted (\d+)$/m.exec(output)![1]), "SIGUSR2"); // only now does it begin to watch
        await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toContain("stopped");
      } finally {
        killGroup(shell.pid!);
      }
    },
  );

  // npm runs the command through `sh -c`, and dash stays between them: npm killed with SIGKILL cannot stop the server,
  // and the shell, not the server, is the process reparented. Linux only: the process tree is read from /proc.
  it.skipIf(!existsSync("/proc/self/stat"))(
    "stops when npm, a shell between them, is killed with SIGKILL",
    async () => {
      // In a process group of its own, so that the test can stop whatever npm left behind.
      const npm = spawn(NPM, ["run", "fake", "--", "--port", "0"], { cwd: repoRoot, detached: true });
      try {
        await listeningUrl(npm);
        const server = descendants(npm.pid!).find(({ command }) => command === "node")!.pid;
        npm.kill("SIGKILL");
        // It checks twice a second; the deadline allows for a machine busy with the other tests.
        await expect.poll(() => alive(server), { timeout: 20_000, interval: 100 }).toBe(false);
      } finally {
        killGroup(npm.pid!);
      }
    },
  );
});
