// `npm run fake`: the fake Belvo as a server, from this checkout's sources (what `npx belvo-fake` runs when installed).
import { runFakeServer } from "../src/testing/fake-server.js";

await runFakeServer(process.argv.slice(2));
