// Who may drive the control API: a program on this machine, never a web page. A page can make a browser send
// requests to 127.0.0.1 (a form post, a no-cors fetch), or reach it under a name of its own that resolves here
// (DNS rebinding) and read the answers, credentials included. The defence dev servers such as Vite use: the Host
// must name this server by a loopback name, a browser's Origin must be this server too, and a request that changes
// something must be JSON, which no form or simple fetch can send without a CORS preflight (never answered here).

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

export interface ControlRefusal {
  status: 403 | 415;
  error: string;
}

/** Why the control API refuses this request, or undefined when it may go on. `port` is the one it came in on. */
export function controlRefusal(request: Request, port: number): ControlRefusal | undefined {
  // This server by a loopback name; a Host on the default port may leave the port out.
  const hosts = LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
  const host = request.headers.get("host");
  if (host === null || !hosts.includes(host.toLowerCase())) {
    const why = "a web page may be reaching it under a name of its own (DNS rebinding)";
    return { status: 403, error: `the control API answers only Host ${hosts.join(", ")}, not ${quoted(host)}: ${why}` };
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !hosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
    return { status: 403, error: `the control API refuses web pages: Origin ${quoted(origin)} is not this server` };
  }
  const type = request.headers.get("content-type");
  if (request.method !== "GET" && request.method !== "HEAD" && !/^application\/json\s*(;|$)/i.test(type ?? "")) {
    const why = "which a web page's form or simple fetch cannot send; curl: -H 'content-type: application/json'";
    return {
      status: 415,
      error: `a control request other than GET must send Content-Type: application/json (${why}), not ${quoted(type)}`,
    };
  }
  return undefined;
}

const quoted = (header: string | null) => (header === null ? "none" : JSON.stringify(header));
