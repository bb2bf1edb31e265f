// `npm test`'s static checks, before vitest: the types (`typecheck`) and the formatting (`format:check`). They are
// independent, so they run side by side; each one's output is printed whole once it ends, and the exit code is 1 if
// any of them failed. That generated/ matches the spec (`generate --check`) is a vitest test
// (test/generator/generate.test.ts), run there once rather than twice.
import { spawn } from "node:child_process";

const CHECKS = [["typecheck"], ["format:check"]];

function runScript(args: string[]): Promise<{ name: string; code: number | null; output: string }> {
  const child = spawn("npm", ["run", "--silent", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ name: args.join(" "), code, output })));
}

const results = await Promise.all(CHECKS.map(runScript));
for (const { name, code, output } of results) {
  console.log(`> npm run ${name}: ${code === 0 ? "passed" : `failed (exit ${code})`}`);
  if (output.trim() !== "") console.log(output.trimEnd());
}
process.exitCode = results.every(({ code }) => code === 0) ? 0 : 1;
