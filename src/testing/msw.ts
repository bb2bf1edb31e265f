// `belvo-openapi-client/testing/msw`: the fake Belvo as msw request handlers, for suites that already run on msw
// (msw is an optional peer dependency: only this entry imports it).
//   const fake = createFakeBelvoHandlers();
//   const server = setupServer(...fake.handlers);
// The same core as startFakeBelvo() and createFakeBelvo(): links, tokens, validation, faults, clock, exchanges.
import { http, HttpResponse } from "msw";
import { operationRules } from "../../generated/operation-rules.js";
import { createFakeCore, type FakeBelvoOptions, type FakeCore } from "./fake-core.js";
import { toResponse } from "./fake-fetch.js";

export interface FakeBelvoHandlers extends Omit<FakeCore, "handle"> {
  /** Handlers for every request under the spec's paths at `<origin>` (a dropped connection is msw's network error). */
  handlers: ReturnType<typeof http.all>[];
}

/** `origin` is the Belvo your client calls; default: the sandbox, the client's default environment. */
export function createFakeBelvoHandlers(options: FakeBelvoOptions & { origin?: string } = {}): FakeBelvoHandlers {
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
}

/** The first segments of the spec's paths: `api` for `/api/owners/`. */
function firstSegments(): string[] {
  return [...new Set(Object.values(operationRules).map(({ path }) => path.split("/")[1]!))];
}
