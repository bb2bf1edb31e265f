// A consumer file compiled and run in a whole project copy (test/helpers/baseline-spec.ts): how the generator tests
// show that new operations give typed methods (misuses must not compile) that answer through the fake.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./project-copy.js";

const run = promisify(execFile);

/**
 * Writes `source` as consumer.ts in the copy and type-checks it with the whole project (scripts, src, test,
 * generated): the compiler's errors, "" when there are none (an unused @ts-expect-error is one).
 */
export async function typeCheckConsumer(root: string, source: string): Promise<string> {
  await writeFile(path.join(root, "consumer.ts"), source);
  await writeFile(
    path.join(root, "tsconfig.consumer.json"),
    JSON.stringify({
      extends: "./tsconfig.json",
      compilerOptions: { module: "NodeNext" },
      include: ["consumer.ts", "scripts", "src", "test", "generated"],
    }),
  );
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  return run(process.execPath, [tsc, "-p", "tsconfig.consumer.json"], { cwd: root }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
}

/** Runs consumer.ts in the copy and reads the JSON it prints. */
export async function runConsumer(root: string): Promise<any> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "consumer.ts"], { cwd: root });
  return JSON.parse(stdout);
}

/** Whether src/ and test/ in the copy are as they are in the repository. */
export async function srcAndTestUnchanged(root: string): Promise<boolean> {
  for (const dir of ["src", "test"]) {
    const same = await run("diff", ["-r", path.join(repoRoot, dir), path.join(root, dir)]).then(
      () => true,
      () => false,
    );
    if (!same) return false;
  }
  return true;
}
