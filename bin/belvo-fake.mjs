#!/usr/bin/env node
// The belvo-fake command: the fake Belvo as a server (runFakeServer, from the package's testing entry).
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/testing.mjs", import.meta.url);
const testing = await import(entry.href).catch((error) => {
  // An installed package ships dist/; a clone of the repository has it once built.
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(fileURLToPath(entry))) throw error;
  console.error(
    "belvo-fake: dist/ is not built: in a clone of the repository, `npm run fake`, or `npm run build` first",
  );
  process.exit(1);
});

await testing.runFakeServer(process.argv.slice(2));
