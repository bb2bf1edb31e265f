// Guards on the `error` of a result (or on anything): they never throw, and are true only when the value really is
// an error list carrying that code. One guard per documented code is generated from the spec
// (generated/error-guards.ts); `hasErrorCode` takes any code, documented or not.
import { errorListHasCode, type ErrorCode } from "../generated/error-codes.js";
import type { Matched } from "../generated/error-guards.js";
import type { BelvoError } from "../generated/schema.js";
import type { DocumentedCode, OperationId, OperationOf } from "./operation-types.js";

export * from "../generated/error-guards.js";

/** Codes to suggest for `hasErrorCode(error, …)`: the error's own operation's, or every documented one. */
type SuggestedCode<E> =
  OperationOf<NonNullable<E>> extends infer Op extends OperationId ? DocumentedCode<Op> : ErrorCode;

/** True when `error` is an error list with an element whose `code` is `code`; accepts codes the spec lacks. */
export function hasErrorCode<E>(error: E, code: SuggestedCode<E> | (string & {})): error is Matched<E & BelvoError[]> {
  return errorListHasCode(error, code);
}
