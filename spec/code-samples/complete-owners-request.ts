import {
  createBelvoClient,
  parseTokenChallenge,
  tokenChallenge,
  unwrap,
} from "belvo-openapi-client";

const belvo = createBelvoClient({
  secretId: process.env.BELVO_SECRET_ID!,
  secretPassword: process.env.BELVO_SECRET_PASSWORD!,
  environment: "sandbox",
});

// An owners request (POST /api/owners/) answered 428 token_required: keep its
// challenge while your user fetches the token (a challenge is plain JSON)...
const started = await belvo.retrieveOwners({
  link: "30cb4806-6e00-48a4-91c9-ca55968576c8",
  save_data: false,
});
const stored = JSON.stringify(tokenChallenge(started) ?? null);

// ...then, on the next page view, check it and complete the request with the
// token: PATCH /api/owners/ (200, the owners not saved, as save_data asked).
const challenge = stored === "null" ? undefined : parseTokenChallenge(stored);
if (challenge) {
  const token = challenge.expectsUserInput
    ? process.env.BELVO_MFA_TOKEN!
    : undefined;
  const owners = unwrap(
    await belvo.resumeOwnersRequest(challenge, token, { save_data: false }),
  );
  console.log("owners read, not saved:", owners.length);
} else {
  console.log("no token needed:", unwrap(started).length);
}
