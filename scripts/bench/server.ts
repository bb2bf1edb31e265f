// The benchmark's loopback server, in its own process so that it does not share a core's time with the clients.
// Prints one JSON line ({ url, secretId, secretPassword, links, session }) and runs until stdin closes.
import { startFakeBelvo } from "../../src/testing/index.js";

const fake = await startFakeBelvo({ record: false, singleUseSessions: false, sessionTtlSeconds: 86_400 });
const [mfaLink, , plainLink] = fake.links;

// One open owners session on the MFA link (POST /api/owners/ → 428), resumable again and again (singleUseSessions:
// false).
const response = await fetch(`${fake.url}/api/owners/`, {
  method: "POST",
  headers: {
    authorization: `Basic ${btoa(`${fake.secretId}:${fake.secretPassword}`)}`,
    "content-type": "application/json",
  },
  body: JSON.stringify({ link: mfaLink!.id }),
});
const [challenge] = (await response.json()) as Array<{ session: string }>;

console.log(
  JSON.stringify({
    url: fake.url,
    secretId: fake.secretId,
    secretPassword: fake.secretPassword,
    plainLink: plainLink!.id,
    mfaLink: mfaLink!.id,
    session: challenge!.session,
    token: fake.mfaTokenFor(mfaLink!.id),
  }),
);
process.stdin.resume();
process.stdin.on("end", () => void fake.close().then(() => process.exit(0)));
