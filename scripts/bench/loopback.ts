// Per-call time over loopback HTTP: every contender, the same three calls, interleaved rounds, medians; then this
// client's time over openapi-fetch's, paired call by call, in fresh processes that load those two alone.
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { clientContenders, contenders, type Call, type Contender, type Target } from "./contenders.js";
import { median, timeCalls } from "./stats.js";

export interface LoopbackResult {
  /** contender → call → median ms per call */
  perCall: Record<string, Record<Call, number>>;
  rounds: number;
  callsPerRound: number;
  /**
   * This client's time over openapi-fetch's, paired call by call: each of the three calls through one and then the
   * other (which goes first alternating), summed. Rounds of hundreds of calls drift apart with the machine (the same
   * code measured 1.02–1.25 × in rounds, 1.05–1.07 × paired in one process); a pair shares the moment it runs in.
   * Measured in several fresh processes that load only these two clients, and the median taken: one process settles
   * on a JIT and heap layout that favours one side (the same code gave 0.99–1.08 × from one process to the next), and
   * a process that ran axios and Belvo's SDK first (whose core-js replaces globals) is no user's process.
   */
  paired: { ratio: number; pairs: number; ratios: number[] };
}

export async function measureLoopback(options: {
  rounds: number;
  warmup: number;
  calls: number;
  pairs: number;
  processes: number;
}): Promise<LoopbackResult> {
  const server = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "server.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", resolve);
      server.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const target = JSON.parse(line) as Target;
    const all = await contenders(target);
    const samples: Record<string, Record<string, number[]>> = {};
    for (let round = 0; round < options.rounds; round++) {
      // Rotate the order every round, so no contender always runs first (or last) on a warm machine.
      const order = all.map((_, i) => all[(i + round) % all.length]!);
      for (const contender of order) {
        for (const [call, run] of Object.entries(contender.calls)) {
          const perCall = await timeCalls(run, options.warmup, options.calls);
          ((samples[contender.name] ??= {})[call] ??= []).push(perCall);
        }
      }
    }
    const perCall = Object.fromEntries(
      Object.entries(samples).map(([name, calls]) => [
        name,
        Object.fromEntries(Object.entries(calls).map(([call, values]) => [call, median(values)])),
      ]),
    ) as LoopbackResult["perCall"];
    const paired = await pairedInProcesses(line, options);
    return { perCall, rounds: options.rounds, callsPerRound: options.calls, paired };
  } finally {
    server.stdin!.end();
    // A server killed by a signal has no exit code but has exited: waiting for "exit" then would never end.
    const running = server.exitCode === null && server.signalCode === null;
    await new Promise((resolve) => (running ? server.once("exit", resolve) : resolve(undefined)));
  }
}

/** The paired ratio in `processes` fresh processes against the same server: each process's, and their median. */
async function pairedInProcesses(target: string, options: { warmup: number; pairs: number; processes: number }) {
  const ratios: number[] = [];
  for (let i = 0; i < options.processes; i++) {
    const args = [fileURLToPath(import.meta.url), target, String(options.warmup), String(options.pairs)];
    // A process that hangs (a server that stopped answering) ends the bench instead of stalling it.
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", ...args], { timeout: 600_000 });
    const ratio = Number(stdout);
    if (!(ratio > 0)) throw new Error(`a paired-ratio process printed ${JSON.stringify(stdout)}, not a ratio`);
    ratios.push(ratio);
  }
  return { ratio: median(ratios), pairs: options.pairs, ratios };
}

async function pairedRatio(ours: Contender, theirs: Contender, warmup: number, pairs: number): Promise<number> {
  const time = async (call: () => Promise<unknown>) => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  const total = { ours: 0, theirs: 0 };
  for (let pair = -warmup; pair < pairs; pair++) {
    for (const call of Object.keys(ours.calls) as Call[]) {
      const [first, second] = pair % 2 ? [ours, theirs] : [theirs, ours];
      const firstTime = await time(first.calls[call]);
      const secondTime = await time(second.calls[call]);
      if (pair < 0) continue; // warming up
      total.ours += first === ours ? firstTime : secondTime;
      total.theirs += first === ours ? secondTime : firstTime;
    }
  }
  return total.ours / total.theirs;
}

// Run as a child: `loopback.ts <target JSON> <warm-up pairs> <pairs>` prints this client's paired ratio.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [target, warmup, pairs] = process.argv.slice(2);
  const [openapiFetch, thisClient] = await clientContenders(JSON.parse(target!) as Target);
  console.log(await pairedRatio(thisClient, openapiFetch, Number(warmup), Number(pairs)));
}
