// throwMswLoadError(): msw's own absence becomes an install hint; any other failure to load msw is thrown as it is.
// The errors are Node's, word for word (ESM's import, then require()). msw 1.x, there but without `http`, gets a hint
// of its own when the entry loads.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { MSW_PEER_RANGE, mswInPeerRange, throwMswLoadError } from "../../src/testing/msw-peer.js";
import { repoRoot } from "../helpers/project-copy.js";

const nodeError = (code: string, message: string) => Object.assign(new Error(message), { code });
const thrown = (error: unknown) => {
  try {
    throwMswLoadError(error);
  } catch (caught) {
    return caught as Error & { code?: string };
  }
};

describe("throwMswLoadError()", () => {
  it.each([
    ["ERR_MODULE_NOT_FOUND", "Cannot find package 'msw' imported from /app/node_modules/x/dist/testing-msw.mjs"],
    ["MODULE_NOT_FOUND", "Cannot find module 'msw'\nRequire stack:\n- /app/node_modules/x/dist/testing-msw.cjs"],
  ])("says to install msw, the optional peer, and its range, when msw is missing (%s)", (code, message) => {
    const missing = nodeError(code, message);
    const error = thrown(missing)!;
    expect(error.message).toBe(
      `belvo-openapi-client/testing/msw needs msw (${MSW_PEER_RANGE}), an optional peer dependency: npm install --save-dev msw`,
    );
    expect(error.code).toBe(code);
    expect(error.cause).toBe(missing);
  });

  it.each([
    nodeError(
      "ERR_MODULE_NOT_FOUND",
      "Cannot find package '@mswjs/interceptors' imported from /app/node_modules/msw/lib/core/index.mjs",
    ),
    nodeError(
      "MODULE_NOT_FOUND",
      "Cannot find module '@mswjs/interceptors'\nRequire stack:\n- /app/node_modules/msw/lib/core/index.js",
    ),
    nodeError(
      "ERR_MODULE_NOT_FOUND",
      "Cannot find module '/app/node_modules/msw/lib/core/index.mjs' imported from /app/x.mjs",
    ),
    new SyntaxError("Unexpected token 'export'"),
    "not an error",
  ])("throws any other failure as it is: %s", (failure) => {
    expect(thrown(failure)).toBe(failure);
  });
});

describe("the testing/msw entry with msw 1.x installed", () => {
  const hint = `belvo-openapi-client/testing/msw needs msw (${MSW_PEER_RANGE}), an optional peer dependency, and the msw installed has no \`http\` export (msw 1.x has \`rest\` instead): npm install --save-dev msw@latest`;

  it("is refused for a module without `http`, and msw 2's is passed through", () => {
    expect(() => mswInPeerRange({ rest: {} })).toThrow(hint);
    const msw2 = { http: {}, HttpResponse: {} };
    expect(mswInPeerRange(msw2)).toBe(msw2);
  });

  // Both builds of the entry (esbuild, as tsup builds them), beside a stand-in for msw 1.3.2: CommonJS, `rest` and no
  // `http`. A consumer imports the entry and makes the handlers, as the README does.
  it.each([
    ["import", "msw.ts", "esm", `import { createFakeBelvoHandlers } from "./entry.js"; createFakeBelvoHandlers();`],
    ["require()", "msw-require.ts", "cjs", `require("./entry.js").createFakeBelvoHandlers();`],
  ] as const)("says which msw it needs and how to install it (%s)", async (_, entry, format, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), "msw-1-"));
    try {
      const msw = path.join(dir, "node_modules", "msw");
      await mkdir(msw, { recursive: true });
      await writeFile(
        path.join(msw, "package.json"),
        JSON.stringify({ name: "msw", version: "1.3.2", main: "index.js" }),
      );
      await writeFile(path.join(msw, "index.js"), "exports.rest = {}; exports.graphql = {};\n");
      await writeFile(
        path.join(dir, "package.json"),
        JSON.stringify({ type: format === "esm" ? "module" : "commonjs" }),
      );
      await build({
        entryPoints: [path.join(repoRoot, "src", "testing", entry)],
        outfile: path.join(dir, "entry.js"),
        bundle: true,
        platform: "node",
        format,
        external: ["msw"],
        logLevel: "silent",
      });
      await writeFile(path.join(dir, "use.js"), use);
      const failure = await promisify(execFile)(process.execPath, ["use.js"], { cwd: dir }).then(
        () => ({ stderr: "" }),
        (error: { stderr: string }) => error,
      );
      expect(failure.stderr.split("\n").find((line) => /^\w*Error\b/.test(line))).toBe(`Error: ${hint}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
