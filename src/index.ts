export { createBelvoClient, type BelvoClient } from "./client.js";
export type { BelvoClientOptions, Environment, RetryEvent, RetryOptions } from "./options.js";
export { unwrap } from "./result.js";
export {
  parseTokenChallenge,
  tokenChallenge,
  type OwnersCallOptions,
  type OwnersQuery,
  type ResumeLinkBody,
  type ResumeMethods,
  type ResumeOwnersBody,
  type TokenChallenge,
} from "./mfa.js";
export * from "./guards.js";
export { BelvoClientError, isBelvoClientError, type ErrorContext } from "./errors/belvo-client-error.js";
export { BelvoApiError } from "./errors/belvo-api-error.js";
export { BelvoInputError } from "./errors/belvo-input-error.js";
export { BelvoMalformedResponseError } from "./errors/belvo-malformed-response-error.js";
export { BelvoNetworkError } from "./errors/belvo-network-error.js";
export { BelvoTimeoutError } from "./errors/belvo-timeout-error.js";
export { ErrorCode } from "../generated/error-codes.js";
export type {
  BelvoResult,
  CallOptions,
  CallOptionsOf,
  ErrorBody,
  OperationId,
  OperationMethods,
  SuccessBody,
} from "./operation-types.js";
