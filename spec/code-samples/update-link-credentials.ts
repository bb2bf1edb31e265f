import { createBelvoClient, tokenChallenge } from "belvo-openapi-client";

const belvo = createBelvoClient({
  secretId: process.env.BELVO_SECRET_ID!,
  secretPassword: process.env.BELVO_SECRET_PASSWORD!,
  environment: "sandbox",
});

const update = await belvo.updateLinkCredentials("30cb4806-6e00-48a4-91c9-ca55968576c8", {
  password: "new-bank-password",
});
if (update.ok) console.log("link", update.data.id, update.data.status);
else if (tokenChallenge(update)) console.log("the bank asks for a token:", tokenChallenge(update)!.tokenGenerationData);
else console.log(update.response.status, update.error);
