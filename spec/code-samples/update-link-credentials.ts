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

const credentials = { password: "new-bank-password" };
let update = await belvo.updateLinkCredentials(
  "30cb4806-6e00-48a4-91c9-ca55968576c8",
  credentials,
);
const challenge = tokenChallenge(update);
if (challenge) {
  // 428 token_required: show your user how to make the token, then send the
  // credentials again with it (no token when they confirm on another device).
  console.log(
    "the bank asks for a token:",
    challenge.tokenGenerationData?.instructions,
  );
  const token = challenge.expectsUserInput
    ? process.env.BELVO_MFA_TOKEN!
    : undefined;
  update = await belvo.resumeLinkUpdate(challenge, token, credentials);
}
// unwrap throws BelvoApiError for any other error (with its code, request id).
const link = unwrap(update);
console.log("link updated:", link.id, link.status);
