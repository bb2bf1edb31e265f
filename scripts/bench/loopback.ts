// Per-call time over loopback HTTP: every contender, the same three calls, interleaved rounds, medians.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { contenders, type Call, type Contender, type Target } from "./contenders.js";
import { median, timeCalls } from "./stats.js";

export interface LoopbackResult {
  /** contender → call → median ms per call */
  perCall: Record<string, Record<Call, number>>;
  rounds: number;
  callsPerRound: number;
  /**
   * This client's time over openapi-fetch's, paired call by call: each of the three calls through one and then the
   * other (which goes first alternating), summed. Rounds of hundreds of calls drift apart with the machine (the same
   * code measured 1.02–1.25 × in rounds, 1.04–1.07 × paired); a pair shares the moment it runs in.
   */
  paired: { ratio: number; pairs: number };
}

export async function measureLoopback(options: {
  rounds: number;
  warmup: number;
  calls: number;
  pairs: number;
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
    const paired = await pairedRatio(pick(all, "this client"), pick(all, "openapi-fetch"), options.pairs);
    return { perCall, rounds: options.rounds, callsPerRound: options.calls, paired };
  } finally {
    server.stdin!.end();
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(undefined)));
  }
}

const pick = (all: Contender[], name: string) => all.find((contender) => contender.name === name)!;

async function pairedRatio(ours: Contender, theirs: Contender, pairs: number): Promise<LoopbackResult["paired"]> {
  const time = async (call: () => Promise<unknown>) => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  const total = { ours: 0, theirs: 0 };
  for (let pair = 0; pair < pairs; pair++) {
    for (const call of Object.keys(ours.calls) as Call[]) {
      if (pair % 2) {
        total.ours += await time(ours.calls[call]);
        total.theirs += await time(theirs.calls[call]);
      } else {
        total.theirs += await time(theirs.calls[call]);
        total.ours += await time(ours.calls[call]);
      }
    }
  }
  return { ratio: total.ours / total.theirs, pairs };
}
