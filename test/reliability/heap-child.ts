// Run by leak.test.ts as `node --expose-gc --import tsx heap-child.ts <client module> <fake url> <secret id>
// <secret password> <calls> <calls>`: sequential calls with one client (the bundle as it ships), the heap measured
// after a full GC when each number of calls is reached. Prints one JSON line.
import { pathToFileURL } from "node:url";

const [client, url, secretId, secretPassword, ...counts] = process.argv.slice(2) as [string, string, string, string];
const { createBelvoClient } = (await import(pathToFileURL(client).href)) as typeof import("../../src/index.js");
const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const checkpoints = counts.map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const belvo = createBelvoClient({ secretId, secretPassword, baseUrl: url, retry: false });
const heapAfter: Record<number, number> = {};
for (let call = 1; call <= checkpoints.at(-1)!; call++) {
  const result = await belvo.updateLinkCredentials(LINK, { password: "new-password" });
  if (result.response.status !== 200) throw new Error(`call ${call} answered ${result.response.status}`);
  if (checkpoints.includes(call)) {
    for (let i = 0; i < 3; i++) gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    heapAfter[call] = process.memoryUsage().heapUsed;
  }
}
console.log(JSON.stringify({ heapAfter }));
