// What `import` costs in Node: bare openapi-fetch against this client as it ships (which imports openapi-fetch).
// Each import is timed in a fresh process, alternating the two, and the medians are compared: a module loaded
// once per process can only be measured across processes.
import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { shippedClientFile } from "./shipped-client.js";
import { median } from "./stats.js";

export interface ImportCost {
  openapiFetchMs: number;
  clientMs: number;
  processes: number;
}

const timeImport = async (specifier: string): Promise<number> => {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
  return Number(stdout);
};

/** The client as it ships (or as built from `clientFile`, a copy's) against bare openapi-fetch. */
export async function measureImportCost(processes: number, clientFile?: string): Promise<ImportCost> {
  const client = pathToFileURL(clientFile ?? (await shippedClientFile())).href;
  const openapiFetch = import.meta.resolve("openapi-fetch");
  const times = { openapiFetch: [] as number[], client: [] as number[] };
  for (let i = 0; i < processes; i++) {
    times.openapiFetch.push(await timeImport(openapiFetch));
    times.client.push(await timeImport(client));
  }
  return { openapiFetchMs: median(times.openapiFetch), clientMs: median(times.client), processes };
}
