#!/usr/bin/env node
// The belvo-fake command: the fake Belvo as a server (runFakeServer, from the package's testing entry).
import { runFakeServer } from "../dist/testing.mjs";

await runFakeServer(process.argv.slice(2));
