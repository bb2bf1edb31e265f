// The fake Belvo's control API, for anyone driving it over HTTP without JavaScript (curl, a browser test, another
// language): read the MFA token a link's bank app would show, inject faults, read the exchanges, reset. It lives
// under /__fake/, a prefix none of Belvo's paths can take (they all start /api/; checked below against the spec).
import { operationRules } from "../../generated/operation-rules.js";
import type { FakeAnswer, FakeCore } from "./fake-core.js";
import type { FakeFault } from "./fake-options.js";

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
  "GET /__fake/exchanges": "every request to Belvo's paths and its answer (field names only, never values)",
  "DELETE /__fake/exchanges": "forget the exchanges",
  "POST /__fake/expire-sessions": "expire every open MFA session",
  "POST /__fake/reset": "back to the start: no sessions, faults or exchanges",
} as const;

/** The answer to a request under CONTROL_PREFIX. */
export async function controlAnswer(core: FakeCore, request: Request): Promise<FakeAnswer> {
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

const isWhole = (value: unknown, min: number, max = Infinity) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === "string");
/** Headers a response can carry: each name a token, each value one line. */
const isHeaders = (value: unknown) =>
  isStringRecord(value) &&
  Object.entries(value).every(([name, text]) => /^[!#$%&'*+.^_`|~\w-]+$/.test(name) && !/[\r\n]/.test(text));

/** A fault from its JSON, or what is wrong with it. */
function parseFault(text: string): FakeFault | string {
  let fault: unknown;
  try {
    fault = JSON.parse(text);
  } catch {
    return "the body must be a JSON fault";
  }
  if (typeof fault !== "object" || fault === null || Array.isArray(fault)) return "the body must be a JSON object";
  const known = ["status", "body", "headers", "delayMs", "drop", "times", "match"];
  const unknown = Object.keys(fault).find((key) => !known.includes(key));
  if (unknown) return `"${unknown}" is not a fault field; the fields: ${known.join(", ")}`;
  const { status, headers, delayMs, drop, times, match } = fault as Record<string, unknown>;
  if (status !== undefined && !isWhole(status, 200, 599)) return '"status" must be an HTTP status (200–599)';
  if (headers !== undefined && !isHeaders(headers)) return '"headers" must map header names to one-line strings';
  if (delayMs !== undefined && !isWhole(delayMs, 0)) return '"delayMs" must be a whole number of milliseconds';
  if (drop !== undefined && drop !== "before-response" && drop !== "mid-body")
    return '"drop" must be "before-response" or "mid-body"';
  if (times !== undefined && !isWhole(times, 1)) return '"times" must be a whole number, 1 or more';
  if (match !== undefined && (!isStringRecord(match) || Object.keys(match).some((key) => !/^(method|path)$/.test(key))))
    return '"match" must be { "method": …, "path": … }';
  // The method in any case, as curl users type it. The path matches as a prefix of the path as sent.
  if (match?.method) return { ...fault, match: { ...match, method: match.method.toUpperCase() } } as FakeFault;
  return fault as FakeFault;
}
