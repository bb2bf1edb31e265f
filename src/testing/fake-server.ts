// What `npx belvo-fake` (bin/belvo-fake.mjs) and `npm run fake` run: the fake Belvo as a server anyone can start,
// for an app run locally, browser tests, or curl. Stateful and validating like startFakeBelvo(), which it is; driven
// over HTTP through its control API under /__fake/. Bad flags exit 2; SIGINT and SIGTERM close it and exit 0.
import { parseArgs } from "node:util";
import { noteParent } from "../process/orphaned.js";
import {
  MAX_BODY_BYTES_LIMIT,
  startFakeBelvo,
  type FakeBelvoServer,
  type StartFakeBelvoOptions,
} from "./fake-belvo.js";

/** Where `npx belvo-fake` listens without `--port` (the README's examples use it: a test keeps them equal). */
export const DEFAULT_PORT = 4020;

const MAX_EXCHANGES_LIMIT = 10_000_000;

const USAGE = `usage: belvo-fake [--port <n>] [--secret-id <id>] [--secret-password <password>] [--session-ttl <s>]
                  [--max-body-bytes <n>] [--max-exchanges <n>]
  --port             the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 for any free one)
  --secret-id        the Belvo secret id it accepts (default fake-secret-id)
  --secret-password  the Belvo secret password it accepts (default fake-secret-password)
  --session-ttl      seconds an MFA session lasts (default 600)
  --max-body-bytes   the largest request body it reads; a larger one gets a 413 (default 1048576, 1 MiB)
  --max-exchanges    how many of the newest exchanges /__fake/exchanges keeps (default 1000)`;

/** A flag the server cannot start with: `belvo-fake` prints the message and the usage, and exits 2. */
export class FlagError extends Error {}

function whole(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new FlagError(`--${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

/** The server's options from its command-line flags; throws a FlagError for a bad one. */
export function parseFakeServerFlags(args: string[]): {
  help: boolean;
  options: StartFakeBelvoOptions & { port: number };
} {
  let flags;
  try {
    flags = parseArgs({
      args,
      options: {
        port: { type: "string" },
        "secret-id": { type: "string" },
        "secret-password": { type: "string" },
        "session-ttl": { type: "string" },
        "max-body-bytes": { type: "string" },
        "max-exchanges": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
  for (const flag of ["secret-id", "secret-password"] as const) {
    if (flags[flag] === "") throw new FlagError(`--${flag} must not be empty`);
  }
  const options = {
    port: whole("port", flags.port, 0, 65535) ?? DEFAULT_PORT,
    secretId: flags["secret-id"],
    secretPassword: flags["secret-password"],
    sessionTtlSeconds: whole("session-ttl", flags["session-ttl"], 1, 86_400),
    maxBodyBytes: whole("max-body-bytes", flags["max-body-bytes"], 1, MAX_BODY_BYTES_LIMIT),
    maxExchanges: whole("max-exchanges", flags["max-exchanges"], 0, MAX_EXCHANGES_LIMIT),
  };
  return { help: flags.help === true, options };
}

/** What the control API asks of every request but a GET (a web page cannot send it: fake-control-guard.ts). */
const JSON_TYPE = "-H 'content-type: application/json'";

function banner(fake: FakeBelvoServer): string {
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
    `  the next PUT answers 503:          curl -X POST ${url}/__fake/faults ${JSON_TYPE} -d '{"status":503,"match":{"method":"PUT"}}'`,
    `  the requests it saw:               curl ${url}/__fake/exchanges`,
    `  back to the start:                 curl -X POST ${url}/__fake/reset ${JSON_TYPE}`,
    `  every control route:               curl ${url}/__fake/`,
    `Ctrl-C stops it.`,
  ].join("\n");
}

/** Runs the fake Belvo as a server with command-line flags (`--port`, …), until SIGINT or SIGTERM. */
export async function runFakeServer(args: string[]): Promise<void> {
  const onOrphaned = noteParent();
  let parsed: ReturnType<typeof parseFakeServerFlags>;
  try {
    parsed = parseFakeServerFlags(args);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    console.error(`belvo-fake: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  const { help, options } = parsed;
  if (help) return console.log(USAGE);
  let fake: FakeBelvoServer;
  try {
    fake = await startFakeBelvo(options);
  } catch (error) {
    console.error(`belvo-fake: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`);
    process.exit(1);
  }
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Started through npm or npx, a `kill` reaches npm, not this process, which is left behind: when the process that
  // started it goes, it goes too.
  onOrphaned(stop);
  // Last: whoever reads it may stop the server at once.
  console.log(banner(fake));
}
