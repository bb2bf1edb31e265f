// msw is an optional peer dependency: a project without it that imports `belvo-openapi-client/testing/msw` is told
// what to install, instead of a bare "Cannot find package 'msw'".

/** package.json's `peerDependencies.msw`. A test keeps the two equal (no JSON import: see `src/version.ts`). */
export const MSW_PEER_RANGE = ">=2.0.0";

const NEEDS_MSW = `belvo-openapi-client/testing/msw needs msw (${MSW_PEER_RANGE}), an optional peer dependency`;

/**
 * For an entry's failed load of msw: msw's own absence is thrown again as an install hint (with the same `code`, and
 * the original as `cause`); any other failure, msw there but broken or one of its own dependencies missing, as it is.
 */
export function throwMswLoadError(error: unknown): never {
  if (!isMswNotFound(error)) throw error;
  throw Object.assign(new Error(`${NEEDS_MSW}: npm install --save-dev msw`, { cause: error }), { code: error.code });
}

/**
 * The msw an entry loaded, if it has msw 2's `http`: msw 1.x (`rest` instead) loads as well, and the handlers would
 * otherwise fail at their first call with a bare TypeError on `http.all`.
 */
export function mswInPeerRange<T extends object>(msw: T): T {
  if ("http" in msw) return msw;
  throw new Error(
    `${NEEDS_MSW}, and the msw installed has no \`http\` export (msw 1.x has \`rest\` instead): npm install --save-dev msw@latest`,
  );
}

/**
 * Node's words for a package it cannot find, ESM's and require()'s: "Cannot find package 'msw' imported from …",
 * "Cannot find module 'msw'". A file missing inside msw, or a package msw imports, names another specifier.
 */
function isMswNotFound(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || !("code" in error)) return false;
  return (
    (error.code === "ERR_MODULE_NOT_FOUND" || error.code === "MODULE_NOT_FOUND") && error.message.includes("'msw'")
  );
}
