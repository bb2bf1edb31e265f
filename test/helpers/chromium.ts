// The browser the docs test drives: the Chromium build shipped inside the @sparticuz/chromium npm package, so `npm ci`
// installs it like any other package (no apt, no root, no download at run time). The package's own executablePath()
// unpacks to a fixed /tmp/chromium and trusts whatever file is already there (another version, another user's, or one
// half-written by an interrupted run); this unpacks once per package version under node_modules/.cache and renames
// the binary into place only when it is whole.
import { createReadStream, createWriteStream } from "node:fs";
import { access, constants, mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { repoRoot } from "./project-copy.js";

const PACKAGE_DIR = path.join(repoRoot, "node_modules", "@sparticuz", "chromium");

/** Flags for a headless run on a closed network: no sandbox (root), no GPU, no background calls home. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The path of a Chromium to launch: CHROMIUM_PATH if set, else the packaged build, unpacked on first use. */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `@sparticuz/chromium ships a Chromium for linux-x64 only (this is ${process.platform}-${process.arch}): ` +
        "set CHROMIUM_PATH to a Chromium or Chrome installed here",
    );
  }
  const { version } = JSON.parse(await readFile(path.join(PACKAGE_DIR, "package.json"), "utf8")) as {
    version: string;
  };
  const dir = path.join(repoRoot, "node_modules", ".cache", "belvo-openapi-client", `chromium-${version}`);
  const executable = path.join(dir, "chromium");
  if (await isExecutable(executable)) return executable;

  await mkdir(dir, { recursive: true });
  const partial = `${executable}.${process.pid}.partial`;
  try {
    await pipeline(
      createReadStream(path.join(PACKAGE_DIR, "bin", "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(partial, { mode: 0o755 }),
    );
    await rename(partial, executable);
  } finally {
    await rm(partial, { force: true });
  }
  return executable;
}

function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
