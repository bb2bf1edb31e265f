// Per-call time over loopback HTTP: every contender, the same three calls, interleaved rounds, medians.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { contenders, type Call, type Target } from "./contenders.js";
import { median, timeCalls } from "./stats.js";

export interface LoopbackResult {
  /** contender → call → median ms per call */
  perCall: Record<string, Record<Call, number>>;
  rounds: number;
  callsPerRound: number;
}

export async function measureLoopback(options: {
  rounds: number;
  warmup: number;
  calls: number;
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
    return { perCall, rounds: options.rounds, callsPerRound: options.calls };
  } finally {
    server.stdin!.end();
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(undefined)));
  }
}
