// Run by leak.test.ts as `node --expose-gc --import tsx heap-child.ts <client module> <fake url> <secret id>
// <secret password> <calls> <calls>`: sequential calls with one client (the bundle as it ships), the heap measured
// when each number of calls is reached, settled (full GCs with pauses, so that finalizers have run). Prints one JSON
// line: per checkpoint, the heap used and the part of it that is compiled code.
import { pathToFileURL } from "node:url";
import { getHeapSpaceStatistics } from "node:v8";

const [client, url, secretId, secretPassword, ...counts] = process.argv.slice(2) as [string, string, string, string];
const { createBelvoClient } = (await import(pathToFileURL(client).href)) as typeof import("../../src/index.js");
const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const checkpoints = counts.map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

/** Bytes of compiled code on the heap: V8 optimizing hot functions at its own pace, not data the client keeps. */
const codeBytes = () =>
  getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith("code_"))
    .reduce((sum, space) => sum + space.space_used_size, 0);

const belvo = createBelvoClient({ secretId, secretPassword, baseUrl: url, retry: false });
const heapAfter: Record<number, { used: number; code: number }> = {};
for (let call = 1; call <= checkpoints.at(-1)!; call++) {
  const result = await belvo.updateLinkCredentials(LINK, { password: "new-password" });
  if (result.response.status !== 200) throw new Error(`call ${call} answered ${result.response.status}`);
  if (checkpoints.includes(call)) {
    // What a call leaves to a FinalizationRegistry (undici's Request keeps a listener on its signal until its
    // finalizer, a task after the GC, removes it) is gone only once those tasks ran: GCs with pauses between them.
    // One GC and one setImmediate left a healthy client's heap up to 1.9 MiB larger at 4,000 calls than at 1,000.
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    gc();
    heapAfter[call] = { used: process.memoryUsage().heapUsed, code: codeBytes() };
  }
}
console.log(JSON.stringify({ heapAfter }));
