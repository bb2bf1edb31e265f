// Vitest global setup: Prism, a spec-driven mock server we did not write, on 127.0.0.1, from generated/openapi.json.
// Started once for the run, stopped in teardown (its own process, so nothing is left behind).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot } from "../../scripts/lib/project.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

const root = repoRoot;
const STARTUP_TIMEOUT_MS = 30_000;

export default async function startPrism(project: TestProject): Promise<() => Promise<void>> {
  const port = await freeLoopbackPort();
  const prism = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js"),
      "mock",
      path.join(root, "generated/openapi.json"),
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  await untilListening(prism);
  project.provide("prismUrl", `http://127.0.0.1:${port}`);
  return () => stop(prism);
}

function untilListening(prism: ChildProcess): Promise<void> {
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      prism.kill("SIGKILL");
      reject(new Error(`Prism did not start (${why}):\n${output}`));
    };
    const timer = setTimeout(() => fail("timed out"), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout!.on("data", onData);
    prism.stderr!.on("data", onData);
    prism.once("exit", (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
}

async function stop(prism: ChildProcess): Promise<void> {
  if (prism.exitCode !== null || prism.signalCode !== null) return;
  const exited = new Promise((resolve) => prism.once("exit", resolve));
  prism.kill("SIGTERM");
  const forced = setTimeout(() => prism.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(forced);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
