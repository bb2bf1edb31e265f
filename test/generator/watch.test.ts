import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BURST_GAP_MS, MAX_WAIT_MS } from "../../scripts/generate/watch.js";
import { alive } from "../helpers/processes.js";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.js";

/** Collects a child's output and lets a test wait for the next line matching a pattern. */
function outputOf(child: ChildProcess) {
  let text = "";
  let waiter: { pattern: RegExp; from: number; resolve: () => void } | undefined;
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    if (waiter && waiter.pattern.test(text.slice(waiter.from))) waiter.resolve();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return {
    /** Resolves when output written after this call matches `pattern`. */
    next(pattern: RegExp): Promise<void> {
      return new Promise((resolve) => (waiter = { pattern, from: text.length, resolve }));
    },
    text: () => text,
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Watcher {
  npm: ChildProcess;
  output: ReturnType<typeof outputOf>;
  /** The generator's own process, under npm. */
  pid: number;
}

/** `npm run <args>` in the copy, once its watcher says it is watching. */
async function startWatcher(root: string, args: string[]): Promise<Watcher> {
  const npm = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const watcher: Watcher = { npm, output: outputOf(npm), pid: NaN };
  started.push(watcher);
  const exited = new Promise<never>((_, reject) =>
    npm.once("exit", (code) => reject(new Error(`npm exited (${code}) before watching:\n${watcher.output.text()}`))),
  );
  exited.catch(() => {}); // a watcher that did start exits later, when a test stops it
  await Promise.race([watcher.output.next(/watching spec\/ .*pid \d+/), exited]);
  watcher.pid = Number(/pid (\d+)/.exec(watcher.output.text())![1]);
  return watcher;
}

/** Sends npm SIGTERM, as a terminal or a CI runner does, and waits for npm to exit. */
async function stopNpm(npm: ChildProcess): Promise<void> {
  if (npm.exitCode !== null || npm.signalCode !== null) return;
  const exited = new Promise((resolve) => npm.once("exit", resolve));
  npm.kill("SIGTERM");
  await exited;
}

/** Whether the process is gone within 5 s (it checks for its parent every 0.5 s). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await wait(100);
  return !alive(pid);
}

// One watcher for the file, started as a user does (`npm run generate -- --watch`, npm running the generator): the
// tests edit its spec in turn, and the last one stops it through npm. `npm run watch` gets a watcher of its own.
let copy: ProjectCopy;
let watcher: Watcher;
let output: ReturnType<typeof outputOf>;
/** Every watcher started, for afterAll to stop those a failed test left running. */
const started: Watcher[] = [];

beforeAll(async () => {
  copy = await copyProject();
  watcher = await startWatcher(copy.root, ["generate", "--", "--watch"]);
  output = watcher.output;
});

afterAll(async () => {
  for (const { npm, pid } of started) {
    await stopNpm(npm);
    if (alive(pid)) process.kill(pid, "SIGTERM");
  }
  await copy.remove();
});

const schemaFile = (name: string) => path.join(copy.root, "spec", "components", "schemas", name);
const linkSchema = () => schemaFile("Link.yaml");
/** The institution's description, as each test leaves it. */
const DESCRIPTION = /Belvo's name for the institution\.|Watched edit\.|\w+ rename\.|Burst \d\.|Fixed edit\.|Save \d+\./;

describe("npm run generate -- --watch", () => {
  const schemaTs = () => readFile(path.join(copy.root, "generated", "schema.ts"), "utf8");
  /** How many runs started in the output written since `from`. */
  const runsSince = (from: number) =>
    output
      .text()
      .slice(from)
      .match(/^generate: /gm)?.length ?? 0;

  it("regenerates when a file under spec/ changes", async () => {
    const original = await readFile(linkSchema(), "utf8");
    const updated = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace("Belvo's name for the institution.", "Watched edit."));
    await updated;
    expect(await schemaTs()).toContain("Watched edit.");
  });

  it("sees a file replaced by rename (sed -i, an editor's atomic save), again and again", async () => {
    for (const word of ["First", "Second", "Third"]) {
      const original = await readFile(linkSchema(), "utf8");
      const updated = output.next(/updated generated\/.*schema\.ts/);
      const temporary = `${linkSchema()}.tmp`;
      await writeFile(temporary, original.replace(DESCRIPTION, `${word} rename.`));
      await rename(temporary, linkSchema());
      await updated;
      expect(await schemaTs()).toContain(`${word} rename.`);
    }
  });

  it("runs for a file added and a file removed, once for a burst of edits", async () => {
    const extra = path.join(copy.root, "spec", "components", "schemas", "Unused.yaml");
    let ran = output.next(/generated\/ was already up to date|updated generated/);
    await writeFile(extra, "type: string\n");
    await ran;
    ran = output.next(/generated\/ was already up to date|updated generated/);
    await rm(extra);
    await ran;

    // The burst of issue 29: two saves 200 ms apart, which gave two runs.
    const from = output.text().length;
    const original = await readFile(linkSchema(), "utf8");
    const updated = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace(DESCRIPTION, "Burst 0."));
    const firstSaved = performance.now();
    await wait(200);
    await writeFile(linkSchema(), original.replace(DESCRIPTION, "Burst 1."));
    const gap = Math.round(performance.now() - firstSaved);
    await updated;
    await wait(2 * BURST_GAP_MS); // a second run, started a gap after the first, would have said so by now
    expect(runsSince(from), `runs for two saves ${gap} ms apart`).toBe(1);
    expect(await schemaTs()).toContain("Burst 1.");
  });

  it("reports an invalid edit, keeps watching, and picks up the fix", async () => {
    const original = await readFile(linkSchema(), "utf8");
    const failed = output.next(/generate failed/);
    await writeFile(linkSchema(), original.replace("type: object", "type: objekt"));
    await failed;
    expect(alive(watcher.pid)).toBe(true);
    expect(watcher.npm.exitCode).toBeNull();

    expect(output.text()).not.toContain("--generate-ignore-file");
    const fixed = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace("Burst 1.", "Fixed edit."));
    await fixed;
    expect(await schemaTs()).toContain("Fixed edit.");
  });

  it("lists a YAML syntax error once, for a file that several $refs reach", async () => {
    const errorSchema = schemaFile("BelvoError.yaml");
    const original = await readFile(errorSchema, "utf8");
    const from = output.text().length;
    const reported = output.next(/\d+ errors? and \d+ warnings?\./);
    await writeFile(errorSchema, original.replace("type: object", "type: object\n  : : [unclosed"));
    try {
      await reported;
      await wait(2 * BURST_GAP_MS); // a second run would have listed it again by now
      const failure = output.text().slice(from);
      expect(runsSince(from)).toBe(1);
      expect(failure.split("\n").filter((line) => line.includes("BelvoError.yaml"))).toHaveLength(1);
      expect(failure).toContain("1 error and 0 warnings.");
    } finally {
      // The spec fixed even when the test fails: the watchers after it need it whole.
      const fixed = output.next(/generated\/ was already up to date|updated generated/);
      await writeFile(errorSchema, original);
      await fixed;
    }
  });

  it("starts a run while saves keep coming less than a burst gap apart, a maximum wait after the first", async () => {
    const from = output.text().length;
    const original = await readFile(linkSchema(), "utf8");
    // A tool saving every half gap: without a maximum wait, no run would start before it stops. It stops at a
    // deadline of three maximum waits, or once a run has started.
    const deadline = performance.now() + 3 * MAX_WAIT_MS;
    let saves = 0;
    while (runsSince(from) === 0 && performance.now() < deadline) {
      await writeFile(linkSchema(), original.replace(DESCRIPTION, `Save ${++saves}.`));
      await wait(BURST_GAP_MS / 2);
    }
    expect(runsSince(from), `runs during ${saves} saves ${BURST_GAP_MS / 2} ms apart`).toBeGreaterThan(0);
    // The last save's run, before npm is stopped next.
    await expect.poll(schemaTs, { timeout: 20_000 }).toContain(`Save ${saves}.`);
  });
});

describe("stopping npm run generate -- --watch", () => {
  it("leaves no process behind when npm gets SIGTERM", async () => {
    expect(alive(watcher.pid)).toBe(true);
    await stopNpm(watcher.npm);
    expect(await gone(watcher.pid)).toBe(true);
  });

  // npm runs the command through `sh -c`, and dash stays between them: npm killed with SIGKILL cannot stop the watcher,
  // and the shell, not the watcher, is the process reparented. Linux only: the watcher reads the tree from /proc.
  it.skipIf(!existsSync("/proc/self/stat"))("leaves no process behind when npm is killed with SIGKILL", async () => {
    const { npm, pid } = await startWatcher(copy.root, ["watch"]);
    npm.kill("SIGKILL");
    expect(await gone(pid)).toBe(true);
  });
});

describe("npm run watch", () => {
  it("starts the watcher: it regenerates on an edit, and stops with npm", async () => {
    const { npm, output, pid } = await startWatcher(copy.root, ["watch"]);
    const updated = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(
      linkSchema(),
      (await readFile(linkSchema(), "utf8")).replace(DESCRIPTION, "Watched by npm run watch."),
    );
    await updated;
    await stopNpm(npm);
    expect(await gone(pid)).toBe(true);
  });
});
