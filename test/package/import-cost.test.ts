// Importing the client must not load a fetch implementation: on Node, touching `fetch`, `Request`, `Response` or
// `Headers` loads undici (about 25 ms). Checked on the bundled client in a fresh process, by the modules Node loaded
// (a fact, not a timing).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { buildShippedClient } from "../../scripts/bench/shipped-client.js";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

async function undiciLoadedAfter(script: string): Promise<boolean> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: repoRoot,
  });
  return JSON.parse(stdout) as boolean;
}

describe("importing the client", () => {
  it("loads no fetch implementation until a client is created", async () => {
    // Inside the repository, so that the bundle's `import "openapi-fetch"` resolves to node_modules.
    await mkdir(path.join(repoRoot, ".tmp"), { recursive: true });
    dir = await mkdtemp(path.join(repoRoot, ".tmp", "import-"));
    const outfile = await buildShippedClient(path.join(dir, "client.mjs"));
    const client = JSON.stringify(pathToFileURL(outfile).href);
    const loaded = "process.moduleLoadList.some((name) => name.includes('undici'))";
    expect(await undiciLoadedAfter(`await import(${client}); console.log(${loaded});`)).toBe(false);
    // The check can fail: creating a client makes the Request class, which loads undici.
    const create = `createBelvoClient({ secretId: "i", secretPassword: "p", baseUrl: "https://belvo.test" })`;
    expect(
      await undiciLoadedAfter(
        `const { createBelvoClient } = await import(${client}); ${create}; console.log(${loaded});`,
      ),
    ).toBe(true);
  });
});
