import { createBelvoClient, tokenChallenge, unwrap } from "belvo-openapi-client";

const belvo = createBelvoClient({
  secretId: process.env.BELVO_SECRET_ID!,
  secretPassword: process.env.BELVO_SECRET_PASSWORD!,
  environment: "sandbox",
});

// A request that touched the bank answered 428 token_required: read the challenge off it...
const update = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", {
  password: "new-bank-password",
});
const challenge = tokenChallenge(update);
if (challenge) {
  // ...and resume with the token your user typed (PATCH /api/owners/), saving the owners.
  const token = process.env.BELVO_MFA_TOKEN!;
  const owners = unwrap(await belvo.resumeOwnersRequest(challenge, token, { save_data: true }));
  console.log("owners saved:", owners.length);
}
