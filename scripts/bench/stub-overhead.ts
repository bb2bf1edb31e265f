// The wrapper's own overhead, with no sockets (see stubbed-calls.ts). The client is timed whole and as its transport
// alone, and the per-attempt timeout's signal on its own, so the report can say where the extra time goes.
// Interleaved rounds, medians, in several fresh processes (then the median of each figure across them): one process
// can settle on a JIT and heap layout that favours one side, and rounds within it do not show that.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, timeCalls } from "./stats.js";
import { stubbedCalls } from "./stubbed-calls.js";

interface Figures {
  openapiFetchMicros: number;
  transportMicros: number;
  clientMicros: number;
  /** An AbortController and its signal: what each attempt's abortable timeout costs by itself. */
  timeoutPrimitiveMicros: number;
}

export interface StubResult extends Figures {
  processes: number;
  rounds: number;
  callsPerRound: number;
}

export interface StubOptions {
  processes: number;
  rounds: number;
  calls: number;
}

export async function measureStubOverhead(options: StubOptions): Promise<StubResult> {
  const runs: Figures[] = [];
  for (let i = 0; i < options.processes; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      String(options.rounds),
      String(options.calls),
    ]);
    runs.push(JSON.parse(stdout) as Figures);
  }
  const across = (figure: keyof Figures) => median(runs.map((run) => run[figure]));
  return {
    processes: options.processes,
    rounds: options.rounds,
    callsPerRound: options.calls,
    openapiFetchMicros: across("openapiFetchMicros"),
    transportMicros: across("transportMicros"),
    clientMicros: across("clientMicros"),
    timeoutPrimitiveMicros: across("timeoutPrimitiveMicros"),
  };
}

async function measureInThisProcess(rounds: number, calls: number): Promise<Figures> {
  const contenders = { ...(await stubbedCalls()), timeoutPrimitive: async () => timeoutPrimitive() };
  const times = new Map<keyof typeof contenders, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of Object.entries(contenders) as Array<[keyof typeof contenders, () => Promise<unknown>]>) {
      times.set(name, [...(times.get(name) ?? []), await timeCalls(call, calls / 5, calls)]);
    }
  }
  const micros = (name: keyof typeof contenders) => median(times.get(name)!) * 1000;
  return {
    openapiFetchMicros: micros("openapiFetch"),
    transportMicros: micros("transport"),
    clientMicros: micros("client"),
    timeoutPrimitiveMicros: micros("timeoutPrimitive"),
  };
}

function timeoutPrimitive(): void {
  void new AbortController().signal;
}

// Run as a child: `stub-overhead.ts <rounds> <calls>` prints one process's figures as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [rounds, calls] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await measureInThisProcess(rounds!, calls!)));
}
