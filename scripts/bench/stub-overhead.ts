// The wrapper's own overhead, with no sockets (see stubbed-calls.ts): interleaved rounds, medians. The client is
// timed whole and as its transport alone, and the per-attempt timeout's primitives on their own, so the report can
// say where the extra time goes.
import { median, timeCalls } from "./stats.js";
import { stubbedCalls } from "./stubbed-calls.js";

export interface StubResult {
  rounds: number;
  callsPerRound: number;
  openapiFetchMicros: number;
  transportMicros: number;
  clientMicros: number;
  /** An AbortController's signal, a timer and its clearing: what each attempt's timeout costs by itself. */
  timeoutPrimitiveMicros: number;
}

export async function measureStubOverhead(options: { rounds: number; calls: number }): Promise<StubResult> {
  const calls = await stubbedCalls();
  const contenders = { ...calls, timeoutPrimitive: async () => timeoutPrimitive() };
  const times = new Map<keyof typeof contenders, number[]>();
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, call] of Object.entries(contenders) as Array<[keyof typeof contenders, () => Promise<unknown>]>) {
      times.set(name, [...(times.get(name) ?? []), await timeCalls(call, options.calls / 5, options.calls)]);
    }
  }
  const micros = (name: keyof typeof contenders) => median(times.get(name)!) * 1000;
  return {
    rounds: options.rounds,
    callsPerRound: options.calls,
    openapiFetchMicros: micros("openapiFetch"),
    transportMicros: micros("transport"),
    clientMicros: micros("client"),
    timeoutPrimitiveMicros: micros("timeoutPrimitive"),
  };
}

function timeoutPrimitive(): void {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  void controller.signal;
  clearTimeout(timer);
}
