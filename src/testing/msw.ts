// `belvo-openapi-client/testing/msw`: the fake Belvo as msw request handlers, for suites that already run on msw
// (msw is an optional peer dependency: only this entry imports it).
//   const fake = createFakeBelvoHandlers();
//   const server = setupServer(...fake.handlers);
// The same core as startFakeBelvo() and createFakeBelvo(): links, tokens, validation, faults, clock, exchanges.
// This is the ESM entry, and the declarations of both; CommonJS gets `./msw-require.ts`.
import { fakeBelvoHandlersOn } from "./msw-handlers.js";
import { throwMswLoadError } from "./msw-peer.js";

// A dynamic import: a static one of a missing package fails before this module runs, with nothing to catch.
const msw = await import("msw").catch(throwMswLoadError);

/** `origin` is the Belvo your client calls; default: the sandbox, the client's default environment. */
export const createFakeBelvoHandlers = fakeBelvoHandlersOn(msw);
export type { FakeBelvoHandlers } from "./msw-handlers.js";
