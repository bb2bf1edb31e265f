import type { ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.js";
import { startGenerator } from "../helpers/run-generator.js";

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

describe("npm run generate -- --watch", () => {
  let copy: ProjectCopy;
  let watcher: ChildProcess;
  let output: ReturnType<typeof outputOf>;

  beforeAll(async () => {
    copy = await copyProject();
    watcher = startGenerator(copy.root, ["--watch"]);
    output = outputOf(watcher);
    await output.next(/watching spec\//);
  });

  afterAll(async () => {
    if (watcher.exitCode === null) {
      const exited = new Promise((resolve) => watcher.once("exit", resolve));
      watcher.kill("SIGTERM");
      await exited;
    }
    await copy.remove();
  });

  const linkSchema = () => path.join(copy.root, "spec", "components", "schemas", "Link.yaml");
  const schemaTs = () => readFile(path.join(copy.root, "generated", "schema.ts"), "utf8");

  it("regenerates when a file under spec/ changes", async () => {
    const original = await readFile(linkSchema(), "utf8");
    const updated = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace("Belvo's name for the institution.", "Watched edit."));
    await updated;
    expect(await schemaTs()).toContain("Watched edit.");
  });

  it("reports an invalid edit, keeps watching, and picks up the fix", async () => {
    const original = await readFile(linkSchema(), "utf8");
    const failed = output.next(/generate failed/);
    await writeFile(linkSchema(), original.replace("type: object", "type: objekt"));
    await failed;
    expect(watcher.exitCode).toBeNull();

    const fixed = output.next(/updated generated\/.*schema\.ts/);
    await writeFile(linkSchema(), original.replace("Watched edit.", "Fixed edit."));
    await fixed;
    expect(await schemaTs()).toContain("Fixed edit.");
  });
});
