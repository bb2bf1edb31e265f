// The benchmark is not a test (timing is not a test), but it must not rot: a smoke run, a few iterations of what it
// measures in its own process, no budgets. Its steps that run the project's commands (generate, tsc, spec:adopt) are
// left to a full run: those commands have tests of their own, and would cost this one a minute.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

describe("npm run bench -- --smoke", () => {
  it("measures every contender and every figure, and prints the tables", { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.join(repoRoot, "scripts", "bench", "run.ts"), "--smoke"],
      {
        cwd: repoRoot,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    for (const contender of ["raw fetch (floor)", "openapi-fetch", "this client", "belvo SDK", "axios"]) {
      expect(stdout).toMatch(
        new RegExp(`^\\| ${contender.replace(/[()]/g, "\\$&")} \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\|`, "m"),
      );
    }
    for (const figure of [
      "this client ÷ openapi-fetch",
      "belvo SDK ÷ this client",
      "stubbed fetch (no sockets)",
      "this client's transport alone (client.api)",
      "an AbortController and its signal",
      "this client's bundle by part",
      "transport: retries, timeouts, body checks",
      "openapi-fetch alone",
      "import in Node",
      "bytes/call",
    ]) {
      expect(stdout).toContain(figure);
    }
    expect(stdout).not.toContain("npm run generate"); // a full run's steps
    expect(stdout).toContain("budgets not checked");
  });
});
