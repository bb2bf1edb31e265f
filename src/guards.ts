// Guards on the `error` of a result (or on anything): they never throw, and are true only when the value
// really is an error list carrying that code. Code literals come from generated/error-codes.ts.
import { ErrorCode, type DocumentedErrorCode } from "../generated/error-codes.js";
import type { DocumentedCode, ErrorObject, OperationId, OperationOf, TokenRequiredError } from "./types.js";

declare const matched: unique symbol;
/**
 * What a guard narrows to. The brand is a type-level mark only: without it, TypeScript would also narrow the
 * guard's *false* branch, and since every error list is structurally a token-required list (all fields optional),
 * `error` would become `never` there.
 */
export type Matched<T> = T & { readonly [matched]: true };

/** Codes to suggest for `hasErrorCode(error, …)`: the error's own operation's, or every documented one. */
type SuggestedCode<E> =
  OperationOf<NonNullable<E>> extends infer Op extends OperationId ? DocumentedCode<Op> : DocumentedErrorCode;

/** True when `error` is an error list with an element whose `code` is `code`; accepts codes the spec lacks. */
export function hasErrorCode<E>(error: E, code: SuggestedCode<E> | (string & {})): error is Matched<E & ErrorObject[]> {
  try {
    return Array.isArray(error) && error.some((item: unknown) => codeOf(item) === code);
  } catch {
    return false; // a hostile value (a Proxy, a throwing getter): not an error list we recognise
  }
}

function codeOf(item: unknown): unknown {
  return typeof item === "object" && item !== null ? (item as { code?: unknown }).code : undefined;
}

/** A guard for one documented code. */
function guardFor(code: DocumentedErrorCode) {
  return <E>(error: E): error is Matched<E & ErrorObject[]> => hasErrorCode(error, code);
}

/** 428: the institution wants an MFA token. Use `tokenChallenge(result)` to resume. */
export const isTokenRequired = guardFor(ErrorCode.token_required) as <E>(
  error: E,
) => error is Matched<E & TokenRequiredError[]>;
/** 403: your Belvo account has no access to this resource. */
export const isAccessDenied = guardFor(ErrorCode.access_to_resource_denied);
/** 404: no such link (or session) for your Belvo account. */
export const isNotFound = guardFor(ErrorCode.not_found);
/** 408 (owners only): the institution took too long; ask for less data. */
export const isRequestTimeout = guardFor(ErrorCode.request_timeout);
/** 500: Belvo could not process the request. */
export const isUnexpectedError = guardFor(ErrorCode.unexpected_error);
/** 401: wrong secret id or password, or keys of the other environment. */
export const isAuthenticationFailed = guardFor(ErrorCode.authentication_failed);
/** 400: the MFA session expired (or was already used): start again. */
export const isSessionExpired = guardFor(ErrorCode.session_expired);
