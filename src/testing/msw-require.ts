// `belvo-openapi-client/testing/msw` for CommonJS (its declarations are those of `./msw.ts`, the ESM build): esbuild
// has no top-level await for CommonJS, so msw is required, synchronously, in a try.
import { fakeBelvoHandlersOn, type Msw } from "./msw-handlers.js";
import { throwMswLoadError } from "./msw-peer.js";

function requireMsw(): Msw {
  try {
    return require("msw") as Msw;
  } catch (error) {
    throwMswLoadError(error);
  }
}

export const createFakeBelvoHandlers = fakeBelvoHandlersOn(requireMsw());
