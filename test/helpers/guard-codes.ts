// Each named guard with the code it stands for, from the generated constants: shared by the example and property tests.
import { ErrorCode } from "../../generated/error-codes.js";
import {
  isAccessDenied,
  isAuthenticationFailed,
  isNotFound,
  isRequestTimeout,
  isSessionExpired,
  isTokenRequired,
  isUnexpectedError,
} from "../../src/index.js";

export const GUARD_CODES = [
  [isTokenRequired, ErrorCode.token_required],
  [isAccessDenied, ErrorCode.access_to_resource_denied],
  [isNotFound, ErrorCode.not_found],
  [isRequestTimeout, ErrorCode.request_timeout],
  [isUnexpectedError, ErrorCode.unexpected_error],
  [isAuthenticationFailed, ErrorCode.authentication_failed],
  [isSessionExpired, ErrorCode.session_expired],
] as const;
