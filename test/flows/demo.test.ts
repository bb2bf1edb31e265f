// The main job's demo (`npm run demo`, the second half of `npm start`), run as a user runs it.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";

/** Preloaded by a run: every host name lookup fails as getaddrinfo fails for a name that does not exist. */
const NO_SUCH_HOST = `data:text/javascript,${encodeURIComponent(`
import dns from "node:dns";
dns.lookup = (hostname, ...rest) => {
  const error = Object.assign(new Error("getaddrinfo ENOTFOUND " + hostname), { code: "ENOTFOUND", syscall: "getaddrinfo", hostname });
  process.nextTick(rest.at(-1), error);
};`)}`;

function runDemo(env: NodeJS.ProcessEnv, preload: string[] = []): Promise<{ code: number | null; output: string }> {
  const args = [...preload.flatMap((module) => ["--import", module]), "--import", "tsx", "scripts/demo.ts"];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

/** The settings that point the demo at Belvo itself (see README). */
const BELVO_SETTINGS = {
  BELVO_SECRET_ID: "id",
  BELVO_SECRET_PASSWORD: "secret-password",
  BELVO_LINK_ID: "30cb4806-6e00-48a4-91c9-ca55968576c8",
  BELVO_LINK_PASSWORD: "bank-password",
};

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

  it("names the missing or stray settings in one line and exits 2 (BELVO_SECRET_ID alone, or the others without it), calling nothing", async () => {
    const { code, output } = await runDemo({ ...process.env, BELVO_SECRET_ID: "id" });
    expect(output).toBe(
      "demo: BELVO_SECRET_ID is set, so the demo targets Belvo: also set BELVO_SECRET_PASSWORD, BELVO_LINK_ID, BELVO_LINK_PASSWORD\n",
    );
    expect(code).toBe(2);
    const { BELVO_SECRET_ID, ...withoutId } = BELVO_SETTINGS;
    expect(await runDemo({ ...process.env, ...withoutId })).toEqual({
      code: 2,
      output:
        "demo: BELVO_SECRET_PASSWORD, BELVO_LINK_ID, BELVO_LINK_PASSWORD set without BELVO_SECRET_ID, which targets Belvo: set it, or unset them\n",
    });
    const refusals: Array<[NodeJS.ProcessEnv, string]> = [
      [{ ...BELVO_SETTINGS, BELVO_ENVIRONMENT: "production" }, "BELVO_ENVIRONMENT: not a setting of the demo ("],
      [{ BELVO_SECRET_ID: "" }, "BELVO_SECRET_ID set but empty"],
      [{ ...BELVO_SETTINGS, BELVO_LINK_ID: "x" }, "BELVO_LINK_ID must be a UUID"],
    ];
    for (const [settings, reason] of refusals) {
      const { code, output } = await runDemo({ ...process.env, ...settings });
      expect([code, output.split("\n").length]).toEqual([2, 2]); // one line, then the end
      expect(output).toContain(`demo: ${reason}`);
    }
    const wrongEnvironment = await runDemo({ ...process.env, ...BELVO_SETTINGS, BELVO_ENV: "staging" });
    expect(wrongEnvironment).toEqual({
      code: 2,
      output: 'demo: BELVO_ENV is "sandbox" (the default) or "production"\n',
    });
  });

  it("fails at once, in one line, when Belvo's host name does not resolve: not retried, it cannot heal", async () => {
    const { code, output } = await runDemo({ ...process.env, ...BELVO_SETTINGS }, [NO_SUCH_HOST]);
    const lines = output.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(
      /^demo failed: POST \/api\/owners\/ failed: the host name does not resolve \(ENOTFOUND; not retried: .*getaddrinfo ENOTFOUND sandbox\.belvo\.com/,
    );
    expect(output).not.toMatch(/^\s+at /m); // no stack
    expect(code).toBe(1);
  });
});
