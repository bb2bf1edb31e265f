// The wrapper's own overhead, with no sockets (see stubbed-calls.ts): interleaved rounds, medians.
import { median, timeCalls } from "./stats.js";
import { stubbedCalls } from "./stubbed-calls.js";

export interface StubResult {
  openapiFetchMicros: number;
  clientMicros: number;
}

export async function measureStubOverhead(options: { rounds: number; calls: number }): Promise<StubResult> {
  const calls = await stubbedCalls();
  const bareTimes: number[] = [];
  const clientTimes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    bareTimes.push(await timeCalls(calls.openapiFetch, options.calls / 5, options.calls));
    clientTimes.push(await timeCalls(calls.client, options.calls / 5, options.calls));
  }
  return { openapiFetchMicros: median(bareTimes) * 1000, clientMicros: median(clientTimes) * 1000 };
}
