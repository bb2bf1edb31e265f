// The main job's demo (`npm run demo`, the second half of `npm start`), run as a user runs it.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts", "demo.ts")], {
    cwd: repoRoot,
    env,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

describe("npm run demo", () => {
  it("runs the MFA flow against the embedded fake Belvo: 428, instructions, token, owners saved (201)", async () => {
    const { BELVO_SECRET_ID: _id, BELVO_SECRET_PASSWORD: _pw, ...env } = process.env;
    const { code, output } = await runDemo(env);
    expect(output).toMatch(/fake Belvo listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/→ HTTP 428, request id [a-f0-9]{32}/);
    expect(output).toContain("instructions: Enter the code your bank's app shows");
    expect(output).toMatch(/→ HTTP 201, request id [a-f0-9]{32}/);
    expect(output).toContain("done: 1 owner(s) saved (201 Created)");
    expect(code).toBe(0);
  });

  it("asks for the rest of the settings when only BELVO_SECRET_ID is set, without calling anything", async () => {
    const { code, output } = await runDemo({ ...process.env, BELVO_SECRET_ID: "id" });
    expect(output).toContain("also set BELVO_SECRET_PASSWORD, BELVO_LINK_ID, BELVO_LINK_PASSWORD");
    expect(code).not.toBe(0);
  });
});
