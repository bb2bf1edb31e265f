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

// Ask for the owners of a link's accounts: POST /api/owners/.
const link = "30cb4806-6e00-48a4-91c9-ca55968576c8";
const started = await belvo.retrieveOwners({ link, save_data: true });
const challenge = tokenChallenge(started);
let owners = challenge ? [] : unwrap(started);
if (challenge) {
  // 428 token_required: show your user how to make the token, then finish
  // the request with it (none when they confirm on another device):
  // PATCH /api/owners/ with the challenge's session.
  console.log(
    "the bank asks for a token:",
    challenge.tokenGenerationData?.instructions,
  );
  const token = challenge.expectsUserInput
    ? process.env.BELVO_MFA_TOKEN!
    : undefined;
  // unwrap throws BelvoApiError for any other error (with its code, request id).
  owners = unwrap(
    await belvo.resumeOwnersRequest(challenge, token, { save_data: true }),
  );
}
console.log("owners saved:", owners.length);
