// Prism, a spec-driven mock server we did not write, on 127.0.0.1, from generated/openapi.json: started by the
// contract test that uses it, in its own process, and stopped by that test.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { repoRoot } from "../../scripts/project/project.js";

const root = repoRoot;
const STARTUP_TIMEOUT_MS = 30_000;

export interface Prism {
  /** `http://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

export async function startPrism(): Promise<Prism> {
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
  return { url: `http://127.0.0.1:${port}`, stop: () => stop(prism) };
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
