// The main job's second half (`npm start`): the MFA flow end to end. Against the embedded fake Belvo by default;
// against Belvo itself when BELVO_SECRET_ID and BELVO_SECRET_PASSWORD are set (see README).
import { createInterface } from "node:readline/promises";
import { createBelvoClient, tokenChallenge, unwrap, type BelvoClientOptions } from "../src/index.js";
import { startFakeBelvo, type FakeBelvo } from "../src/testing/index.js";

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
  const fake: FakeBelvo = await startFakeBelvo();
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

function realTarget(env: NodeJS.ProcessEnv): Target {
  const missing = ["BELVO_SECRET_PASSWORD", "BELVO_LINK_ID", "BELVO_LINK_PASSWORD"].filter((name) => !env[name]);
  if (missing.length)
    throw new Error(`BELVO_SECRET_ID is set, so the demo targets Belvo: also set ${missing.join(", ")}`);
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

const target = process.env.BELVO_SECRET_ID ? realTarget(process.env) : await fakeTarget();
try {
  const belvo = createBelvoClient(target.client);

  log(`1. PUT /api/links/${target.linkId}/ with the new password`);
  const update = await belvo.updateLinkCredentials(target.linkId, { password: target.password });
  log(`   → HTTP ${update.response.status}, request id ${update.requestId ?? "none"}`);
  const challenge = tokenChallenge(update);
  if (!challenge) {
    unwrap(update);
    log("   the institution asked for no MFA token: nothing to resume");
  } else {
    const data = challenge.tokenGenerationData;
    log(`2. the bank asks for an MFA token (session ${challenge.session}, expires ${challenge.expiresAt ?? "—"})`);
    log(`   instructions: ${data?.instructions ?? "—"} [${data?.type ?? "?"}${data?.value ? `: ${data.value}` : ""}]`);
    const token = challenge.expectsUserInput ? await target.readToken() : undefined;
    log(challenge.expectsUserInput ? "   the user typed the token" : "   the user confirmed on another device");

    log(`3. PATCH /api/owners/ to resume the session, saving the data`);
    const resumed = await belvo.resumeOwnersRequest(challenge, token, { save_data: true });
    log(`   → HTTP ${resumed.response.status}, request id ${resumed.requestId ?? "none"}`);
    const owners = unwrap(resumed);
    for (const owner of owners) {
      const name = "company_name" in owner ? owner.company_name : owner.display_name;
      log(`   owner ${owner.id}: ${name ?? "(no name)"}`);
    }
    log(`done: ${owners.length} owner(s) ${resumed.response.status === 201 ? "saved (201 Created)" : "returned"}`);
  }
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await target.close();
}
