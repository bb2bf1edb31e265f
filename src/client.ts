import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { resumeMethods, type ResumeMethods } from "./mfa.js";
import { createClient } from "./openapi-fetch-interop.js";
import { operationMethods } from "./operation-call.js";
import { resolveOptions, type BelvoClientOptions } from "./options.js";
import { isInstance } from "./redact.js";
import { createTransport } from "./transport/transport.js";
import type { OperationMethods } from "./operation-types.js";

/**
 * A method per operation of the spec (`updateLinkCredentials(id, body, options)`,
 * `completeOwnersRequest(body, options)`, …), the MFA resume helpers, and the openapi-fetch client underneath.
 */
export interface BelvoClient extends OperationMethods, ResumeMethods {
  /** The underlying openapi-fetch client, typed from the spec, for anything else (no input checks there). */
  readonly api: Client<paths>;
}

export function createBelvoClient(options: BelvoClientOptions): BelvoClient {
  const settings = resolvedOrRefused(options);
  const send = createTransport(settings);
  const api = createClient<paths>({ baseUrl: settings.baseUrl, fetch: (request) => send(request) });
  const methods = operationMethods(api, settings.credentials);
  return Object.freeze({ api, ...methods, ...resumeMethods(methods) });
}

/** The options resolved; one refused says that no client was made (there is no call yet to say "nothing was sent"). */
function resolvedOrRefused(options: BelvoClientOptions) {
  try {
    return resolveOptions(options);
  } catch (error) {
    if (!isInstance(error, BelvoInputError)) throw error;
    throw new BelvoInputError(error.field, error.reason, "No client was made");
  }
}
