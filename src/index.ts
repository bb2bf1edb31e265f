export { createBelvoClient } from "./client.js";
export type {
  BelvoClient,
  CallOptions,
  CompleteOwnersRequestInput,
  LinkCredentials,
  OwnersCallOptions,
} from "./client.js";
export type { BelvoClientOptions, Environment } from "./options.js";
export type { RetryEvent, RetryOptions } from "./transport/retry-policy.js";
export { unwrap } from "./result.js";
export { tokenChallenge, type TokenChallenge } from "./mfa.js";
export {
  hasErrorCode,
  isAccessDenied,
  isAuthenticationFailed,
  isNotFound,
  isRequestTimeout,
  isSessionExpired,
  isTokenRequired,
  isUnexpectedError,
} from "./guards.js";
export { BelvoClientError, isBelvoClientError } from "./errors/belvo-client-error.js";
export { BelvoApiError } from "./errors/belvo-api-error.js";
export { BelvoInputError } from "./errors/belvo-input-error.js";
export { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
export { BelvoNetworkError } from "./errors/belvo-network-error.js";
export { BelvoTimeoutError } from "./errors/belvo-timeout-error.js";
export { ErrorCode, type DocumentedErrorCode } from "../generated/error-codes.js";
export type { BelvoResult, ErrorBody, ErrorObject, OperationId, SuccessBody, TokenRequiredError } from "./types.js";
