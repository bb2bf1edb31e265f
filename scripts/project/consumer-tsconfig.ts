import path from "node:path";

/**
 * A tsconfig for code written the way a consumer writes it (`import … from "belvo-openapi-client"`), whose package
 * imports resolve to `entries` (entry point → file): this checkout's sources for the README's examples, the built
 * declarations for the type-checking benchmark.
 */
export function consumerTsconfig(
  files: string[],
  entries: Record<string, string>,
  options: { nodeTypes: boolean; typeRoots?: string; checkJs?: boolean },
): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023", "DOM"],
      module: "nodenext",
      moduleResolution: "nodenext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      ...(options.checkJs ? { allowJs: true, checkJs: true } : {}),
      ...(options.typeRoots ? { typeRoots: [options.typeRoots] } : {}),
      types: options.nodeTypes ? ["node"] : [],
      paths: Object.fromEntries(Object.entries(entries).map(([entry, file]) => [entry, [file]])),
    },
    files,
  });
}

/** The package's entry points as this checkout's sources. */
export function sourceEntries(root: string): Record<string, string> {
  return {
    "belvo-openapi-client": path.join(root, "src", "index.ts"),
    "belvo-openapi-client/types": path.join(root, "src", "public-types.ts"),
    "belvo-openapi-client/testing": path.join(root, "src", "testing", "index.ts"),
    "belvo-openapi-client/testing/msw": path.join(root, "src", "testing", "msw.ts"),
  };
}
