// throwMswLoadError(): msw's own absence becomes an install hint; any other failure to load msw is thrown as it is.
// The errors are Node's, word for word (ESM's import, then require()).
import { describe, expect, it } from "vitest";
import { MSW_PEER_RANGE, throwMswLoadError } from "../../src/testing/msw-peer.js";

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
