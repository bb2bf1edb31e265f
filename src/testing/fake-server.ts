// What `npx belvo-fake` (bin/belvo-fake.mjs) and `npm run fake` run: the fake Belvo as a server anyone can start,
// for an app run locally, browser tests, or curl. Stateful and validating like startFakeBelvo(), which it is; driven
// over HTTP through its control API under /__fake/. Bad flags exit 2; SIGINT and SIGTERM close it and exit 0.
import { parseArgs } from "node:util";
import { startFakeBelvo, type FakeBelvo } from "./fake-belvo.js";

const DEFAULT_PORT = 4020;

const USAGE = `usage: belvo-fake [--port <n>] [--secret-id <id>] [--secret-password <password>] [--session-ttl <s>]
  --port             the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 for any free one)
  --secret-id        the Belvo secret id it accepts (default fake-secret-id)
  --secret-password  the Belvo secret password it accepts (default fake-secret-password)
  --session-ttl      seconds an MFA session lasts (default 600)`;

function fail(message: string): never {
  console.error(`belvo-fake: ${message}\n${USAGE}`);
  process.exit(2);
}

function whole(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) fail(`--${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: "string" },
        "secret-id": { type: "string" },
        "secret-password": { type: "string" },
        "session-ttl": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

function banner(fake: FakeBelvo): string {
  const { url } = fake;
  const links = fake.links.map(({ id, institution, mfa }) => {
    const how = !mfa
      ? "no MFA"
      : mfa.expectsUserInput === false
        ? "MFA confirmed in the bank app: resume without a token"
        : `MFA token ${mfa.token}`;
    return `    ${id}  ${institution.padEnd(24)} ${how}`;
  });
  return [
    `Fake Belvo listening on ${url}`,
    `  secret id:       ${fake.secretId}`,
    `  secret password: ${fake.secretPassword}`,
    `  links:`,
    ...links,
    `  the token a link's bank app shows: curl ${url}/__fake/links/<link id>/mfa-token`,
    `  the next PUT answers 503:          curl -X POST ${url}/__fake/faults -d '{"status":503,"match":{"method":"PUT"}}'`,
    `  the requests it saw:               curl ${url}/__fake/exchanges`,
    `  back to the start:                 curl -X POST ${url}/__fake/reset`,
    `  every control route:               curl ${url}/__fake/`,
    `Ctrl-C stops it.`,
  ].join("\n");
}

/** Runs the fake Belvo as a server with command-line flags (`--port`, …), until SIGINT or SIGTERM. */
export async function runFakeServer(args: string[]): Promise<void> {
  const flags = parse(args);
  if (flags.help) return console.log(USAGE);
  const port = whole("port", flags.port, 0, 65535) ?? DEFAULT_PORT;
  const sessionTtlSeconds = whole("session-ttl", flags["session-ttl"], 1, 86_400);
  for (const flag of ["secret-id", "secret-password"] as const) {
    if (flags[flag] === "") fail(`--${flag} must not be empty`);
  }
  let fake: FakeBelvo;
  try {
    const [secretId, secretPassword] = [flags["secret-id"], flags["secret-password"]];
    fake = await startFakeBelvo({ port, secretId, secretPassword, sessionTtlSeconds });
  } catch (error) {
    console.error(`belvo-fake: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(banner(fake));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Started through npm or npx, a `kill` reaches npm, not this process, which is left behind: when the process that
  // started it goes, it goes too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
}
