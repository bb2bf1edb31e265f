// The fake Belvo's control API, for anyone driving it over HTTP without JavaScript (curl, a browser test, another
// language): read the MFA token a link's bank app would show, inject faults, read the exchanges, reset. It lives
// under /__fake/, a prefix none of Belvo's paths can take (checked below against the spec).
// Only a program on this machine may drive it, never a web page (fake-control-guard.ts).
import { operationRules } from "../../generated/operation-rules.js";
import { controlRefusal } from "./fake-control-guard.js";
import type { FakeAnswer, FakeCore } from "./fake-core.js";
import { parseFault } from "./fake-faults.js";

export const CONTROL_PREFIX = "/__fake/";

for (const { path } of Object.values(operationRules)) {
  if (path.startsWith(CONTROL_PREFIX)) throw new Error(`the spec's ${path} is under the fake's ${CONTROL_PREFIX}`);
}

/** What the control API offers, as `GET /__fake/` lists it. */
export const CONTROL_ROUTES = {
  "GET /__fake/": "the credentials, the links and these routes",
  "GET /__fake/links/{id}/mfa-token": "the MFA token the link's bank app would show",
  "POST /__fake/faults": "queue a fault: { status, body, headers, delayMs, drop, times, match: { method, path } }",
  "DELETE /__fake/faults": "drop the faults not used up yet",
  "GET /__fake/exchanges": "the newest requests to Belvo's paths and their answers (field names only, never values)",
  "DELETE /__fake/exchanges": "forget the exchanges",
  "POST /__fake/expire-sessions": "expire every open MFA session",
  "POST /__fake/reset": "back to the start: no sessions, faults or exchanges",
} as const;

/** The answer to a request under CONTROL_PREFIX that came in on `port` (its Host must name it). */
export async function controlAnswer(core: FakeCore, request: Request, port: number): Promise<FakeAnswer> {
  const refusal = controlRefusal(request, port);
  if (refusal) return json(refusal.status, { error: refusal.error });
  const { pathname } = new URL(request.url);
  const route = `${request.method} ${pathname}`;
  const token = /^GET \/__fake\/links\/([^/]+)\/mfa-token$/.exec(route);
  if (token) {
    const link = core.links.find(({ id }) => encodeURIComponent(id) === token[1]);
    if (!link) return json(404, { error: "no such link" });
    return json(200, { token: link.mfa?.token ?? null, expectsUserInput: link.mfa?.expectsUserInput ?? true });
  }
  switch (route) {
    case "GET /__fake/":
      return json(200, {
        secretId: core.secretId,
        secretPassword: core.secretPassword,
        links: core.links.map(({ id, institution, mfa }) => ({ id, institution, mfa: mfa ?? null })),
        routes: CONTROL_ROUTES,
      });
    case "POST /__fake/faults": {
      const fault = parseFault(await request.text());
      if (typeof fault === "string") return json(400, { error: fault });
      core.injectFault(fault);
      return json(201, { queued: fault });
    }
    case "DELETE /__fake/faults":
      core.clearFaults();
      return json(204);
    case "GET /__fake/exchanges":
      return json(200, core.exchanges);
    case "DELETE /__fake/exchanges":
      core.exchanges.length = 0;
      return json(204);
    case "POST /__fake/expire-sessions":
      core.expireSessions();
      return json(204);
    case "POST /__fake/reset":
      core.reset();
      return json(204);
  }
  return json(404, { error: `no control route ${route}`, routes: CONTROL_ROUTES });
}

function json(status: number, body?: unknown): FakeAnswer {
  if (body === undefined) return { status, headers: {}, text: "" };
  return { status, headers: { "Content-Type": "application/json" }, text: JSON.stringify(body) };
}
