import {
  createBelvoClient,
  tokenChallenge,
  unwrap,
} from "belvo-openapi-client";

const belvo = createBelvoClient({
  secretId: process.env.BELVO_SECRET_ID!,
  secretPassword: process.env.BELVO_SECRET_PASSWORD!,
  environment: "sandbox",
});

// A request that touched the bank answered 428 token_required: read the
// challenge off it...
const update = await belvo.updateLinkCredentials(
  "30cb4806-6e00-48a4-91c9-ca55968576c8",
  {
    password: "new-bank-password",
  },
);
const challenge = tokenChallenge(update);
if (challenge) {
  // ...and resume the session with the token your user typed (none when they
  // confirm on another device), saving the owners: PATCH /api/owners/.
  const token = challenge.expectsUserInput
    ? process.env.BELVO_MFA_TOKEN!
    : undefined;
  const owners = unwrap(
    await belvo.resumeOwnersRequest(challenge, token, { save_data: true }),
  );
  console.log("owners saved:", owners.length);
} else {
  console.log("no token needed:", unwrap(update).status);
}
