// Turns the measurements into tables, budget verdicts, and BENCHMARKS.md.
import os from "node:os";
import type { GenerationResult } from "./generation.js";
import type { ImportCost } from "./import-cost.js";
import type { LoopbackResult } from "./loopback.js";
import type { ScalePoint, ScaleResult } from "./scale.js";
import type { SizeResult } from "./sizes.js";
import type { StubResult } from "./stub-overhead.js";
import { fixed, table } from "./stats.js";

export interface Measurements {
  loopback: LoopbackResult;
  stub: StubResult;
  sizes: SizeResult;
  imports: ImportCost;
  heap: { clientBytes: number; openapiFetchBytes: number; calls: number };
  /** The steps that run the project's commands (generate, tsc, spec:adopt): not in a smoke run. */
  generation?: GenerationResult;
  scale?: ScaleResult;
}

// No budget on the stubbed-fetch overhead: microseconds a call to Belvo (0.1–30 s) cannot feel. It is measured still,
// as are the bundle size and the heap per call, whose budgets are retired: this client runs on servers and at the
// edge, never in a page, and safety (a plain copy of each input, the body read once for a token) is worth the bytes.
export const BUDGETS = {
  loopbackVsOpenapiFetch: 1.05,
  importOverOpenapiFetchMs: 10,
  typecheckVsOpenapiFetch: 1,
  generateMs: 5000,
  generateCheckMs: 2000,
  watchSaveToTypesMs: 1000,
};

const BASELINE = "raw fetch (floor)";

export function averagePerCall(calls: Record<string, number>): number {
  const values = Object.values(calls);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The paired ratio's processes, in words ("1 fresh process", "9 fresh processes"). */
export const pairedProcesses = (m: Measurements) =>
  `${m.loopback.paired.ratios.length} fresh process${m.loopback.paired.ratios.length === 1 ? "" : "es"}`;
/** Each process's paired ratio, lowest first. */
export const pairedList = (m: Measurements) =>
  [...m.loopback.paired.ratios]
    .sort((a, b) => a - b)
    .map((ratio) => fixed(ratio, 3))
    .join(", ");
/** How many processes' paired ratios were over the budget (the verdict is their median's). */
export const pairedOver = (m: Measurements) =>
  m.loopback.paired.ratios.filter((ratio) => ratio > BUDGETS.loopbackVsOpenapiFetch).length;

export function budgetVerdicts(m: Measurements): Array<{ budget: string; value: string; ok: boolean }> {
  const loopbackRatio = m.loopback.paired.ratio;
  const importOver = m.imports.clientMs - m.imports.openapiFetchMs;
  const verdicts = [
    {
      budget: `this client ≤ ${BUDGETS.loopbackVsOpenapiFetch} × openapi-fetch per call (loopback, paired)`,
      // Three places: a verdict at the budget must show which side it is on; and how many processes were over it.
      value: `${fixed(loopbackRatio, 3)} × (median; ${pairedOver(m)} of ${m.loopback.paired.ratios.length} processes over)`,
      ok: loopbackRatio <= BUDGETS.loopbackVsOpenapiFetch,
    },
    {
      budget: `import in Node ≤ ${BUDGETS.importOverOpenapiFetchMs} ms over openapi-fetch's`,
      value: `+${fixed(importOver, 1)} ms`,
      ok: importOver <= BUDGETS.importOverOpenapiFetchMs,
    },
  ];
  if (m.scale) {
    const ratios = m.scale.points.map((p) => p.consumer.client.checkTimeMs / p.consumer.openapiFetch.checkTimeMs);
    const growth = scaleGrowth(m.scale.points);
    const steepest = growth.reduce((a, b) => (b.perOperations > a.perOperations ? b : a));
    verdicts.push(
      {
        budget: `type-check of a consumer file ≤ ${BUDGETS.typecheckVsOpenapiFetch} × bare openapi-fetch's, at each size`,
        value: ratios.map((ratio, i) => `${fixed(ratio)} × at ${m.scale!.points[i]!.operations}`).join(", "),
        ok: ratios.every((ratio) => ratio <= BUDGETS.typecheckVsOpenapiFetch),
      },
      {
        budget: "each figure of the scale table grows at most as fast as the operations",
        value: `steepest: ${steepest.figure}, ${fixed(steepest.perOperations)} × the operations' growth`,
        ok: steepest.perOperations <= 1,
      },
    );
  }
  if (m.generation) {
    const { generateMs, checkMs, watchSaveToTypesMs } = m.generation;
    verdicts.push(
      {
        budget: `npm run generate ≤ ${BUDGETS.generateMs / 1000} s`,
        value: `${fixed(generateMs / 1000)} s`,
        ok: generateMs <= BUDGETS.generateMs,
      },
      {
        budget: `npm run generate -- --check ≤ ${BUDGETS.generateCheckMs / 1000} s`,
        value: `${fixed(checkMs / 1000)} s`,
        ok: checkMs <= BUDGETS.generateCheckMs,
      },
      {
        budget: `watch mode, save to updated types ≤ ${BUDGETS.watchSaveToTypesMs / 1000} s`,
        value: `${fixed(watchSaveToTypesMs / 1000)} s`,
        ok: watchSaveToTypesMs <= BUDGETS.watchSaveToTypesMs,
      },
    );
  }
  return verdicts;
}

/** Each figure of the scale table, read at each size. */
const SCALE_FIGURES: Array<[figure: string, read: (point: ScalePoint) => number]> = [
  ["npm run generate (ms)", (p) => p.generateMs],
  ["openapi-typescript alone (ms)", (p) => p.openapiTypescriptMs],
  ["tsc --noEmit -p . (the whole project, ms)", (p) => p.projectTypecheckMs],
  ["consumer file with this client: check time (ms)", (p) => p.consumer.client.checkTimeMs],
  ["  instantiations", (p) => p.consumer.client.instantiations],
  ["consumer file with bare openapi-fetch: check time (ms)", (p) => p.consumer.openapiFetch.checkTimeMs],
  ["  instantiations", (p) => p.consumer.openapiFetch.instantiations],
  ["this client's bundle (gzip bytes)", (p) => p.bundleBytes],
  ["import this client in Node (ms)", (p) => p.importMs],
  ["import openapi-fetch in Node (ms)", (p) => p.openapiFetchImportMs],
];

/** How much each figure grew from the smallest spec to the largest, beside how much the operations did. */
function scaleGrowth(points: ScalePoint[]) {
  const first = points[0]!;
  const last = points.at(-1)!;
  const operations = last.operations / first.operations;
  return SCALE_FIGURES.map(([figure, read]) => {
    const growth = read(last) / read(first);
    return { figure: figure.trim(), growth, perOperations: growth / operations };
  });
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
      [
        `this client ÷ openapi-fetch, paired call by call: the median of ${pairedProcesses(m)}, each of ${m.loopback.paired.pairs} pairs of each call (${pairedList(m)})`,
        fixed(m.loopback.paired.ratio, 3),
      ],
      ["this client ÷ openapi-fetch, from the rounds' medians above", fixed(avg("this client") / avg("openapi-fetch"))],
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
  const heap = table(
    [`heap allocated per call (${m.heap.calls.toLocaleString("en")} calls, stubbed fetch)`, "bytes/call"],
    [
      ["openapi-fetch", Math.round(m.heap.openapiFetchBytes)],
      ["this client", Math.round(m.heap.clientBytes)],
    ],
  );
  const tables = [loopback, ratios, stub, sizes, parts, imports, heap];
  if (m.generation) {
    tables.push(
      table(
        ["generator", "ms"],
        [
          ["npm run generate (whole process)", Math.round(m.generation.generateMs)],
          ...m.generation.steps.map((s) => [`  step: ${s.step}`, s.ms]),
          ["npm run generate -- --check (whole process)", Math.round(m.generation.checkMs)],
          ["watch mode: a save to updated types (median)", Math.round(m.generation.watchSaveToTypesMs)],
        ],
      ),
    );
  }
  if (m.scale) tables.push(scaleTable(m.scale));
  return tables.join("\n\n");
}

function scaleTable(scale: ScaleResult): string {
  const { points } = scale;
  const growth = scaleGrowth(points);
  const operations = points.at(-1)!.operations / points[0]!.operations;
  const adoption = table(
    [`spec:adopt (${scale.document}), in a copy of the project`, "value"],
    [
      ["operations adopted", scale.adopted],
      ["operations the spec had already", scale.present],
      ["operations refused", scale.refused.length],
      ["spec:adopt, both runs (s)", fixed(scale.adoptMs / 1000, 1)],
    ],
  );
  const figures = table(
    ["at each size of the spec", ...points.map((p) => `${p.operations} operations`), "growth", "÷ operations' growth"],
    [
      ["operations", ...points.map((p) => p.operations), `${fixed(operations, 1)} ×`, "1.00"],
      ...SCALE_FIGURES.map(([figure, read], i) => [
        figure,
        ...points.map((p) => Math.round(read(p))),
        `${fixed(growth[i]!.growth)} ×`,
        fixed(growth[i]!.perOperations),
      ]),
    ],
  );
  return `${adoption}\n\n${figures}`;
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
