export declare function lintSpecFile(root: string, specEntry: string): Promise<{ ok: boolean; report: string }>;
export declare function lintProblems(
  root: string,
  specEntry: string,
): Promise<Awaited<ReturnType<typeof import("@redocly/openapi-core").lint>>>;
