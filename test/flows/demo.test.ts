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
  it("runs both MFA flows against the embedded fake Belvo: owners (POST, 428, PATCH) and a link update (PUT, 428, PUT)", async () => {
    const { BELVO_SECRET_ID: _id, BELVO_SECRET_PASSWORD: _pw, ...env } = process.env;
    const { code, output } = await runDemo(env);
    expect(output).toMatch(/fake Belvo listening on http:\/\/127\.0\.0\.1:\d+/);
    const steps = output
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^\d\. |^→ HTTP/.test(line))
      .map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{32}|\(session .*\)/g, "…"));
    expect(steps).toEqual([
      "1. POST /api/owners/ for link …, saving the data",
      "→ HTTP 428, request id …",
      "2. the bank asks for an MFA token …",
      "3. PATCH /api/owners/ to finish the request with the session and the token",
      "→ HTTP 201, request id …",
      "1. PUT /api/links/…/ with the new password",
      "→ HTTP 428, request id …",
      "2. the bank asks for an MFA token …",
      "3. PUT /api/links/…/ again, with the token",
      "→ HTTP 200, request id …",
    ]);
    expect(output).toContain("instructions: Enter the code your bank's app shows");
    expect(output).toMatch(/done: 1 owner\(s\) saved \(201 Created\); link [\w-]+ valid \(200 OK\)/);
    expect(code).toBe(0);
  });

  it("asks for the rest of the settings when only BELVO_SECRET_ID is set, without calling anything", async () => {
    const { code, output } = await runDemo({ ...process.env, BELVO_SECRET_ID: "id" });
    expect(output).toContain("also set BELVO_SECRET_PASSWORD, BELVO_LINK_ID, BELVO_LINK_PASSWORD");
    expect(code).not.toBe(0);
  });
});
