// Loading a document: Redocly's bundler (@redocly/openapi-core, in process, the copy the lint and openapi-typescript
// load too) reads a split spec or any OpenAPI file and resolves every external $ref into one document.
import type { ProjectPaths } from "../project/project.js";
import type { OpenApiDocument } from "./document.js";

/** Bundles the split spec into one document (every external $ref becomes a component). */
export async function bundleSpec(paths: ProjectPaths): Promise<OpenApiDocument> {
  return bundleFile(paths.specEntry);
}

/** Bundles any OpenAPI file, JSON or YAML, split or whole, into one document. */
export async function bundleFile(file: string): Promise<OpenApiDocument> {
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const { bundle: document, problems } = await bundle({
    ref: file,
    config: await createConfig({}),
    dereference: false,
  });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length) throw new Error(`redocly bundle failed:\n${errors.map((problem) => problem.message).join("\n")}`);
  return document.parsed as OpenApiDocument;
}
