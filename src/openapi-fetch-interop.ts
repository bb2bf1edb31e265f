import createClientExport from "openapi-fetch";

/**
 * openapi-fetch's `createClient`, from either of our builds. Its CommonJS build sets `exports.default` without
 * `__esModule`, so from our CJS output the default import is its whole exports object, not the function.
 */
export const createClient: typeof createClientExport =
  typeof createClientExport === "function"
    ? createClientExport
    : (createClientExport as unknown as { default: typeof createClientExport }).default;
