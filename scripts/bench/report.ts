// Turns the measurements into tables, budget verdicts, and BENCHMARKS.md.
import os from "node:os";
import type { AdoptionResult } from "./adoption.js";
import type { GenerationResult } from "./generation.js";
import type { ImportCost } from "./import-cost.js";
import type { LoopbackResult } from "./loopback.js";
import type { SizeResult } from "./sizes.js";
import type { StubResult } from "./stub-overhead.js";
import type { TypecheckCost } from "./typecheck-cost.js";
import { fixed, table } from "./stats.js";

export interface Measurements {
  loopback: LoopbackResult;
  stub: StubResult;
  sizes: SizeResult;
  imports: ImportCost;
  generation: GenerationResult;
  typecheck: { client: TypecheckCost; openapiFetch: TypecheckCost };
  heap: { clientBytes: number; openapiFetchBytes: number; calls: number };
  adoption: AdoptionResult;
}

// No budget on the stubbed-fetch overhead: microseconds a call to Belvo (0.1–30 s) cannot feel. It is measured still,
// as are the bundle size and the heap per call, whose budgets are retired: this client runs on servers and at the
// edge, never in a page, and safety (a plain copy of each input, the body read once for a token) is worth the bytes.
export const BUDGETS = {
  loopbackVsOpenapiFetch: 1.05,
  importOverOpenapiFetchMs: 10,
  typecheckVsOpenapiFetch: 1.5,
  generateMs: 5000,
  generateCheckMs: 2000,
  watchSaveToTypesMs: 1000,
};

const BASELINE = "raw fetch (floor)";

export function averagePerCall(calls: Record<string, number>): number {
  const values = Object.values(calls);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function budgetVerdicts(m: Measurements): Array<{ budget: string; value: string; ok: boolean }> {
  const perCall = (name: string) => averagePerCall(m.loopback.perCall[name]!);
  const loopbackRatio = perCall("this client") / perCall("openapi-fetch");
  const importOver = m.imports.clientMs - m.imports.openapiFetchMs;
  const typecheckRatio = m.typecheck.client.checkTimeMs / m.typecheck.openapiFetch.checkTimeMs;
  return [
    {
      budget: `this client ≤ ${BUDGETS.loopbackVsOpenapiFetch} × openapi-fetch per call (loopback)`,
      value: `${fixed(loopbackRatio)} ×`,
      ok: loopbackRatio <= BUDGETS.loopbackVsOpenapiFetch,
    },
    {
      budget: `import in Node ≤ ${BUDGETS.importOverOpenapiFetchMs} ms over openapi-fetch's`,
      value: `+${fixed(importOver, 1)} ms`,
      ok: importOver <= BUDGETS.importOverOpenapiFetchMs,
    },
    {
      budget: `type-check of a consumer file ≤ ${BUDGETS.typecheckVsOpenapiFetch} × bare openapi-fetch's`,
      value: `${fixed(typecheckRatio)} ×`,
      ok: typecheckRatio <= BUDGETS.typecheckVsOpenapiFetch,
    },
    {
      budget: `npm run generate ≤ ${BUDGETS.generateMs / 1000} s`,
      value: `${fixed(m.generation.generateMs / 1000)} s`,
      ok: m.generation.generateMs <= BUDGETS.generateMs,
    },
    {
      budget: `npm run generate -- --check ≤ ${BUDGETS.generateCheckMs / 1000} s`,
      value: `${fixed(m.generation.checkMs / 1000)} s`,
      ok: m.generation.checkMs <= BUDGETS.generateCheckMs,
    },
    {
      budget: `watch mode, save to updated types ≤ ${BUDGETS.watchSaveToTypesMs / 1000} s`,
      value: `${fixed(m.generation.watchSaveToTypesMs / 1000)} s`,
      ok: m.generation.watchSaveToTypesMs <= BUDGETS.watchSaveToTypesMs,
    },
  ];
}

export function renderTables(m: Measurements): string {
  const names = Object.keys(m.loopback.perCall);
  const calls = Object.keys(m.loopback.perCall[names[0]!]!);
  const base = averagePerCall(m.loopback.perCall[BASELINE]!);
  const avg = (name: string) => averagePerCall(m.loopback.perCall[name]!);
  const loopback = table(
    ["contender", ...calls.map((c) => `${c} (ms)`), "mean ms/call", "ops/s", "× raw fetch"],
    names.map((name) => [
      name,
      ...calls.map((call) => fixed(m.loopback.perCall[name]![call as keyof (typeof m.loopback.perCall)[string]], 3)),
      fixed(avg(name), 3),
      Math.round(1000 / avg(name)),
      fixed(avg(name) / base),
    ]),
  );
  const ratios = table(
    ["ratio", "value"],
    [
      ["this client ÷ openapi-fetch", fixed(avg("this client") / avg("openapi-fetch"))],
      ["belvo SDK ÷ this client", fixed(avg("belvo SDK") / avg("this client"))],
      ["axios ÷ this client", fixed(avg("axios") / avg("this client"))],
    ],
  );
  const stubRatio = (micros: number) => fixed(micros / m.stub.openapiFetchMicros);
  const stub = table(
    ["stubbed fetch (no sockets)", "µs/call", "× openapi-fetch"],
    [
      ["openapi-fetch", fixed(m.stub.openapiFetchMicros, 1), "1.00"],
      [
        "this client's transport alone (client.api)",
        fixed(m.stub.transportMicros, 1),
        stubRatio(m.stub.transportMicros),
      ],
      ["this client", fixed(m.stub.clientMicros, 1), stubRatio(m.stub.clientMicros)],
      [
        "(an AbortController and its signal, alone)",
        fixed(m.stub.timeoutPrimitiveMicros, 1),
        stubRatio(m.stub.timeoutPrimitiveMicros),
      ],
    ],
  );
  const sizes = table(
    ["bundle (esbuild, browser, minified, gzip -9)", "bytes", "kB"],
    [
      ["this client (openapi-fetch included)", m.sizes.clientBytes, fixed(m.sizes.clientBytes / 1000)],
      ["openapi-fetch alone", m.sizes.openapiFetchBytes, fixed(m.sizes.openapiFetchBytes / 1000)],
      ["belvo SDK", m.sizes.belvoSdkBytes, fixed(m.sizes.belvoSdkBytes / 1000)],
    ],
  );
  const minifiedTotal = m.sizes.clientParts.reduce((sum, part) => sum + part.minifiedBytes, 0);
  const parts = table(
    ["this client's bundle by part (before gzip)", "minified bytes", "share"],
    m.sizes.clientParts.map(({ part, minifiedBytes }) => [
      part,
      minifiedBytes,
      `${fixed((100 * minifiedBytes) / minifiedTotal, 0)} %`,
    ]),
  );
  const imports = table(
    [`import in Node (fresh process each, median of ${m.imports.processes})`, "ms"],
    [
      ["openapi-fetch", fixed(m.imports.openapiFetchMs, 1)],
      ["this client (which imports openapi-fetch)", fixed(m.imports.clientMs, 1)],
    ],
  );
  const generation = table(
    ["generator", "ms"],
    [
      ["npm run generate (whole process)", Math.round(m.generation.generateMs)],
      ...m.generation.steps.map((s) => [`  step: ${s.step}`, s.ms]),
      ["npm run generate -- --check (whole process)", Math.round(m.generation.checkMs)],
      ["watch mode: a save to updated types (median)", Math.round(m.generation.watchSaveToTypesMs)],
    ],
  );
  const typecheck = table(
    ["consumer file type-checked (against built declarations)", "check time (ms)", "types", "instantiations"],
    [
      [
        "with this client and /types",
        fixed(m.typecheck.client.checkTimeMs, 0),
        m.typecheck.client.types,
        m.typecheck.client.instantiations,
      ],
      [
        "with bare openapi-fetch and paths",
        fixed(m.typecheck.openapiFetch.checkTimeMs, 0),
        m.typecheck.openapiFetch.types,
        m.typecheck.openapiFetch.instantiations,
      ],
    ],
  );
  const heap = table(
    [`heap allocated per call (${m.heap.calls.toLocaleString("en")} calls, stubbed fetch)`, "bytes/call"],
    [
      ["openapi-fetch", Math.round(m.heap.openapiFetchBytes)],
      ["this client", Math.round(m.heap.clientBytes)],
    ],
  );
  const { adoption } = m;
  const adopt = table(
    [`spec:adopt --all (${adoption.document}), in a copy of the project`, "value"],
    [
      ["operations adopted", adoption.adopted],
      ["operations the spec had already", adoption.present],
      ["operations refused", adoption.refused.length],
      ["spec:adopt --all (whole process, s)", fixed(adoption.adoptMs / 1000, 1)],
      ["npm run generate after adopting (whole process, s)", fixed(adoption.generateMs / 1000, 1)],
      ["× npm run generate before adopting", fixed(adoption.generateMs / adoption.baseGenerateMs, 2)],
    ],
  );
  return [loopback, ratios, stub, sizes, parts, imports, generation, typecheck, heap, adopt].join("\n\n");
}

export function renderBudgets(m: Measurements): string {
  return table(
    ["budget", "measured", "verdict"],
    budgetVerdicts(m).map((v) => [v.budget, v.value, v.ok ? "met" : "**broken**"]),
  );
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
