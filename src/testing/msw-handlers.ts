// The fake Belvo as msw request handlers, on the msw module given to it: each build of the testing/msw entry loads
// msw its own way (ESM's `await import`, CommonJS's `require`), so that a missing msw can be reported.
import type { http, HttpResponse } from "msw";
import { operationRules } from "../../generated/operation-rules.js";
import { createFakeCore, type FakeBelvoOptions, type FakeCore } from "./fake-core.js";
import { toResponse } from "./fake-fetch.js";
import { mswInPeerRange } from "./msw-peer.js";

/** What the handlers use of msw. */
export interface Msw {
  http: typeof http;
  HttpResponse: typeof HttpResponse;
}

export interface FakeBelvoHandlers extends Omit<FakeCore, "handle"> {
  /** Handlers for every request under the spec's paths at `<origin>` (a dropped connection is msw's network error). */
  handlers: ReturnType<typeof http.all>[];
}

/** `createFakeBelvoHandlers()` on the msw module an entry loaded; it throws, when the entry loads, for msw 1.x. */
export function fakeBelvoHandlersOn(msw: Msw) {
  const { http, HttpResponse } = mswInPeerRange(msw);
  return function createFakeBelvoHandlers(options: FakeBelvoOptions & { origin?: string } = {}): FakeBelvoHandlers {
    const { handle, ...core } = createFakeCore(options);
    const origin = options.origin ?? "https://sandbox.belvo.com";
    // One handler per first segment of the spec's paths (`/api/`, `/payments/`): the requests the fake answers.
    const handlers = firstSegments().map((segment) =>
      http.all(`${origin}/${segment}/*`, async ({ request }) => {
        const answer = await handle(request, request.signal);
        return answer.drop === "before-response" ? HttpResponse.error() : toResponse(answer);
      }),
    );
    return { ...core, handlers };
  };
}

/** The first segments of the spec's paths: `api` for `/api/owners/`. */
function firstSegments(): string[] {
  return [...new Set(Object.values(operationRules).map(({ path }) => path.split("/")[1]!))];
}
