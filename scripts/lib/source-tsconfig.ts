import path from "node:path";

/**
 * A tsconfig for code written the way a consumer writes it (`import … from "belvo-openapi-client"`), whose imports
 * resolve to this checkout's sources: for compiling the README's examples.
 */
export function sourceTsconfig(root: string, files: string[], nodeTypes: boolean): string {
  const src = (file: string) => [path.join(root, "src", file)];
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
      typeRoots: [path.join(root, "node_modules", "@types")],
      types: nodeTypes ? ["node"] : [],
      paths: {
        "belvo-openapi-client": src("index.ts"),
        "belvo-openapi-client/types": src("public-types.ts"),
        "belvo-openapi-client/testing": src("testing/index.ts"),
      },
    },
    files,
  });
}
