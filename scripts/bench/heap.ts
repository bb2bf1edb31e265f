// Bytes allocated per call: v8's GC profiler reports the heap before and after each collection, so the bytes
// allocated over a run are the growth between collections plus the growth after the last one.
import { GCProfiler } from "node:v8";
import createClient from "openapi-fetch";
import { createBelvoClient } from "../../src/index.js";
import type { paths } from "../../generated/schema.js";

const LINK = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const BODY = JSON.stringify({ id: LINK, status: "valid" });
const answer: typeof fetch = async () =>
  new Response(BODY, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(BODY.length) },
  });

async function allocatedPerCall(call: () => Promise<unknown>, calls: number): Promise<number> {
  for (let i = 0; i < 1000; i++) await call();
  const profiler = new GCProfiler();
  const start = process.memoryUsage().heapUsed;
  profiler.start();
  for (let i = 0; i < calls; i++) await call();
  const end = process.memoryUsage().heapUsed;
  const { statistics } = profiler.stop()!;
  let allocated = 0;
  let previousAfter = start;
  for (const gc of statistics) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - previousAfter;
    previousAfter = gc.afterGC.heapStatistics.usedHeapSize;
  }
  allocated += end - previousAfter;
  return allocated / calls;
}

export async function measureHeap(
  calls: number,
): Promise<{ clientBytes: number; openapiFetchBytes: number; calls: number }> {
  const bare = createClient<paths>({
    baseUrl: "https://belvo.test",
    headers: { authorization: "Basic x" },
    fetch: answer,
  });
  const client = createBelvoClient({
    secretId: "id",
    secretPassword: "pw",
    baseUrl: "https://belvo.test",
    fetch: answer,
  });
  return {
    openapiFetchBytes: await allocatedPerCall(
      () => bare.PUT("/api/links/{id}/", { params: { path: { id: LINK } }, body: { password: "p" } }),
      calls,
    ),
    clientBytes: await allocatedPerCall(() => client.updateLinkCredentials(LINK, { password: "p" }), calls),
    calls,
  };
}
