// The main job's second half (`npm start`): Belvo's two MFA flows end to end, the owners request and the link update. Against the embedded fake Belvo by default;
// against Belvo itself when BELVO_SECRET_ID and BELVO_SECRET_PASSWORD are set (see README).
import { createInterface } from "node:readline/promises";
import {
  createBelvoClient,
  tokenChallenge,
  unwrap,
  type BelvoClient,
  type BelvoClientOptions,
  type TokenChallenge,
} from "../src/index.js";
import { startFakeBelvo, type FakeBelvoServer } from "../src/testing/index.js";
import { operationRules } from "../generated/operation-rules.js";
import type { BelvoInputError } from "../src/errors/belvo-input-error.js";
import { checkValue } from "../src/input/check-input.js";

interface Target {
  client: BelvoClientOptions;
  linkId: string;
  password: string;
  /** Stands for the user reading the code off their bank app. */
  readToken: () => Promise<string>;
  close: () => Promise<void>;
}

const log = (line: string) => console.log(line);

async function fakeTarget(): Promise<Target> {
  const fake: FakeBelvoServer = await startFakeBelvo();
  const link = fake.links[0]!;
  log(`fake Belvo listening on ${fake.url} (link ${link.id}, ${link.institution})`);
  return {
    client: { secretId: fake.secretId, secretPassword: fake.secretPassword, baseUrl: fake.url, retry: false },
    linkId: link.id,
    password: "new-bank-password",
    readToken: async () => fake.mfaTokenFor(link.id)!,
    close: () => fake.close(),
  };
}

/** The settings the demo reads; any other BELVO_* name is a typo, refused rather than ignored. */
const SETTINGS = [
  "BELVO_SECRET_ID",
  "BELVO_SECRET_PASSWORD",
  "BELVO_ENV",
  "BELVO_LINK_ID",
  "BELVO_LINK_PASSWORD",
  "BELVO_MFA_TOKEN",
];

/**
 * Why the environment's BELVO_* settings cannot be run, or undefined: BELVO_SECRET_ID is the switch to Belvo, so
 * without it any other setting is refused; with it, the ones Belvo needs must be there, and none may be empty.
 */
function settingsProblem(env: NodeJS.ProcessEnv): string | undefined {
  const given = Object.keys(env).filter((name) => name.startsWith("BELVO_"));
  const unknown = given.filter((name) => !SETTINGS.includes(name));
  if (unknown.length) return `${unknown.join(", ")}: not a setting of the demo (${SETTINGS.join(", ")})`;
  const empty = given.filter((name) => env[name] === "");
  if (empty.length) return `${empty.join(", ")} set but empty`;
  if (!env.BELVO_SECRET_ID) {
    return given.length
      ? `${given.join(", ")} set without BELVO_SECRET_ID, which targets Belvo: set it, or unset them`
      : undefined;
  }
  const missing = ["BELVO_SECRET_PASSWORD", "BELVO_LINK_ID", "BELVO_LINK_PASSWORD"].filter((name) => !env[name]);
  if (missing.length) return `BELVO_SECRET_ID is set, so the demo targets Belvo: also set ${missing.join(", ")}`;
  if (!["sandbox", "production", undefined].includes(env.BELVO_ENV)) {
    return `BELVO_ENV is "sandbox" (the default) or "production"`;
  }
  const linkId = operationRules.updateLinkCredentials.pathParams.id!;
  try {
    checkValue(env.BELVO_LINK_ID, linkId, "BELVO_LINK_ID");
  } catch (error) {
    return `BELVO_LINK_ID ${(error as BelvoInputError).reason}`;
  }
  return undefined;
}

/** Belvo itself, from the environment settingsProblem passed. */
function realTarget(env: NodeJS.ProcessEnv): Target {
  const environment = (env.BELVO_ENV ?? "sandbox") as "sandbox" | "production";
  log(`targeting Belvo ${environment}`);
  return {
    client: { secretId: env.BELVO_SECRET_ID!, secretPassword: env.BELVO_SECRET_PASSWORD!, environment },
    linkId: env.BELVO_LINK_ID!,
    password: env.BELVO_LINK_PASSWORD!,
    readToken: async () => {
      if (env.BELVO_MFA_TOKEN) return env.BELVO_MFA_TOKEN;
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await prompt.question("MFA token: ");
      } finally {
        prompt.close();
      }
    },
    close: async () => {},
  };
}

/** Shows a 428's challenge and gets the token the user produces (none when they confirm on another device). */
async function tokenFor(challenge: TokenChallenge, target: Target): Promise<string | undefined> {
  const data = challenge.tokenGenerationData;
  log(`2. the bank asks for an MFA token (session ${challenge.session}, expires ${challenge.expiresAt ?? "—"})`);
  log(`   instructions: ${data?.instructions ?? "—"} (type ${data?.type ?? "?"})`);
  // Not the token: what the bank gives to produce it (a challenge to type into a token device, say).
  if (data?.value) log(`   value to generate the token from: ${data.value}`);
  const token = challenge.expectsUserInput ? await target.readToken() : undefined;
  log(challenge.expectsUserInput ? "   the user typed the token" : "   the user confirmed on another device");
  return token;
}

const answered = (result: { response: Response; requestId?: string | undefined }) =>
  log(`   → HTTP ${result.response.status}, request id ${result.requestId ?? "none"}`);

/** Belvo's owners flow: POST /api/owners/, a 428, then PATCH /api/owners/ with the session and the token. */
async function ownersFlow(belvo: BelvoClient, target: Target): Promise<string> {
  log(`owners: POST /api/owners/ → 428 token_required → PATCH /api/owners/ with the session and the token`);
  log(`1. POST /api/owners/ for link ${target.linkId}, saving the data`);
  const started = await belvo.retrieveOwners({ link: target.linkId, save_data: true });
  answered(started);
  const challenge = tokenChallenge(started);
  let [owners, status] = challenge ? [[], 0] : [unwrap(started), started.response.status];
  if (challenge) {
    const token = await tokenFor(challenge, target);
    log(`3. PATCH /api/owners/ to finish the request with the session and the token`);
    const resumed = await belvo.resumeOwnersRequest(challenge, token, { save_data: true });
    answered(resumed);
    [owners, status] = [unwrap(resumed), resumed.response.status];
  }
  for (const owner of owners) {
    const name = "company_name" in owner ? owner.company_name : owner.display_name;
    log(`   owner ${owner.id}: ${name ?? "(no name)"}`);
  }
  return `${owners.length} owner(s) ${status === 201 ? "saved (201 Created)" : "returned"}`;
}

/** Belvo's link update flow: PUT /api/links/{id}/, a 428, then the same PUT again with the token. */
async function linkUpdateFlow(belvo: BelvoClient, target: Target): Promise<string> {
  log(`link update: PUT /api/links/{id}/ → 428 token_required → the same PUT with the token`);
  log(`1. PUT /api/links/${target.linkId}/ with the new password`);
  const credentials = { password: target.password };
  let result = await belvo.updateLinkCredentials(target.linkId, credentials);
  answered(result);
  const challenge = tokenChallenge(result);
  if (challenge) {
    const token = await tokenFor(challenge, target);
    log(`3. PUT /api/links/${target.linkId}/ again, with the token`);
    result = await belvo.resumeLinkUpdate(challenge, token, credentials);
    answered(result);
  }
  const link = unwrap(result);
  return `link ${link.id} ${link.status} (${result.response.status} OK)`;
}

const problem = settingsProblem(process.env);
if (problem) console.error(`demo: ${problem}`);
const target = problem ? undefined : process.env.BELVO_SECRET_ID ? realTarget(process.env) : await fakeTarget();
// A usage error: exit 2, as a command refusing its arguments does, with the one line above and no stack.
if (!target) process.exit(2);
try {
  const belvo = createBelvoClient(target.client);
  const owners = await ownersFlow(belvo, target);
  const link = await linkUpdateFlow(belvo, target);
  log(`done: ${owners}; ${link}`);
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await target.close();
}
