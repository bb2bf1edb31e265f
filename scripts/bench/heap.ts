// Bytes allocated per call: v8's GC profiler reports the heap before and after each collection, so the bytes
// allocated over a run are the growth between collections plus the growth after the last one.
import { GCProfiler } from "node:v8";
import { stubbedCalls } from "./stubbed-calls.js";

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
  const stubbed = await stubbedCalls();
  return {
    openapiFetchBytes: await allocatedPerCall(stubbed.openapiFetch, calls),
    clientBytes: await allocatedPerCall(stubbed.client, calls),
    calls,
  };
}
