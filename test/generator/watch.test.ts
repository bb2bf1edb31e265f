import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** Whether a process is still there. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// One watcher for the file, started as a user does (`npm run generate -- --watch`, npm running the generator): the
// tests edit its spec in turn, and the last one stops it through npm.
let copy: ProjectCopy;
let npm: ChildProcess;
let output: ReturnType<typeof outputOf>;
/** The generator's own process, under npm. */
let watcherPid: number;

beforeAll(async () => {
  copy = await copyProject();
  npm = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "generate", "--", "--watch"], {
    cwd: copy.root,
    env: { ...process.env, NO_COLOR: "1" },
  });
  output = outputOf(npm);
  await output.next(/watching spec\/ .*pid \d+/);
  watcherPid = Number(/pid (\d+)/.exec(output.text())![1]);
});

afterAll(async () => {
  // Only when a test failed before the last one stopped them.
  if (npm.exitCode === null && npm.signalCode === null) {
    const exited = new Promise((resolve) => npm.once("exit", resolve));
    npm.kill("SIGTERM");
    await exited;
  }
  if (alive(watcherPid)) process.kill(watcherPid, "SIGTERM");
  await copy.remove();
});

describe("npm run generate -- --watch", () => {
  const linkSchema = () => path.join(copy.root, "spec", "components", "schemas", "Link.yaml");
  const schemaTs = () => readFile(path.join(copy.root, "generated", "schema.ts"), "utf8");
  /** The institution's description, as each test leaves it. */
  const DESCRIPTION = /Belvo's name for the institution\.|Watched edit\.|\w+ rename\.|Burst \d\./;

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

    const from = output.text().length;
    const original = await readFile(linkSchema(), "utf8");
    const updated = output.next(/updated generated\/.*schema\.ts/);
    for (let i = 0; i < 5; i++) await writeFile(linkSchema(), original.replace(DESCRIPTION, `Burst ${i}.`));
    await updated;
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the debounce: a second run would have started
    expect(
      output
        .text()
        .slice(from)
        .match(/^generate: /gm),
    ).toHaveLength(1);
    expect(await schemaTs()).toContain("Burst 4.");
  });

  it("reports an invalid edit, keeps watching, and picks up the fix", async () => {
    const original = await readFile(linkSchema(), "utf8");
    const failed = output.next(/generate failed/);
    await writeFile(linkSchema(), original.replace("type: object", "type: objekt"));
    await failed;
    expect(alive(watcherPid)).toBe(true);
    expect(npm.exitCode).toBeNull();

    expect(output.text()).not.toContain("--generate-ignore-file");
    const fixed = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace("Burst 4.", "Fixed edit."));
    await fixed;
    expect(await schemaTs()).toContain("Fixed edit.");
  });
});

describe("stopping npm run generate -- --watch", () => {
  it("leaves no process behind when npm gets SIGTERM", async () => {
    expect(alive(watcherPid)).toBe(true);
    const exited = new Promise((resolve) => npm.once("exit", resolve));
    npm.kill("SIGTERM");
    await exited;
    for (let i = 0; i < 50 && alive(watcherPid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(watcherPid)).toBe(false);
  });
});
