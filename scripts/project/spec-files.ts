import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ProjectPaths } from "./project.js";

/** The file under spec/ that holds a path's operations: the root's `$ref` for that path, or the root itself. */
export async function specFileOf(paths: ProjectPaths, apiPath: string): Promise<string> {
  const { parseYaml } = await import("@redocly/openapi-core");
  const root = parseYaml(await readFile(paths.specEntry, "utf8")) as { paths?: Record<string, { $ref?: unknown }> };
  const ref = root.paths?.[apiPath]?.$ref;
  return path.relative(paths.root, typeof ref === "string" ? path.resolve(paths.specDir, ref) : paths.specEntry);
}
