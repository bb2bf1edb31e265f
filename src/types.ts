// Types derived from the generated spec types: nothing here restates a field, a status or a code.
import type { documentedErrorCodes } from "../generated/error-codes.js";
import type { operations } from "../generated/schema.js";

export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]["responses"];
type JsonBody<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;
type StatusesStartingWith<Op extends OperationId, Digit extends string> = {
  [S in keyof Responses<Op>]: `${S & number}` extends `${Digit}${string}` ? S : never;
}[keyof Responses<Op>];

export type SuccessStatus<Op extends OperationId> = StatusesStartingWith<Op, "2">;
export type ErrorStatus<Op extends OperationId> = StatusesStartingWith<Op, "4" | "5">;

/** The 2xx body of an operation (`Link`; the owner array). */
export type SuccessBody<Op extends OperationId> = JsonBody<Responses<Op>[SuccessStatus<Op>]>;

declare const operationTag: unique symbol;
/**
 * An operation's error body: an array of error objects. The tag exists only in types, so that
 * `hasErrorCode` can suggest the codes this operation documents.
 */
export type ErrorBody<Op extends OperationId> = JsonBody<Responses<Op>[ErrorStatus<Op>]> & {
  readonly [operationTag]?: Op;
};

/** The codes the spec documents for an operation, any status. */
export type DocumentedCode<Op extends OperationId> = {
  [S in keyof (typeof documentedErrorCodes)[Op]]: (typeof documentedErrorCodes)[Op][S] extends readonly (infer C)[]
    ? C
    : never;
}[keyof (typeof documentedErrorCodes)[Op]];

/** The operation an error body came from, read off its type tag. */
export type OperationOf<E> = E extends { readonly [operationTag]?: infer Op } ? Op : never;

interface ResultBase<Op extends OperationId> {
  /** The operation that produced this result. */
  operation: Op;
  /** `METHOD /path` of the request as sent (no host, no query), as errors and retry events name it. */
  request: string;
  /** The HTTP response (its body already read). Decide on `ok`, not on whether `error` is set. */
  response: Response;
  /** Belvo's request id, from the error body's `request_id` or a request-id response header. */
  requestId: string | undefined;
  /** When the response arrived (ms since the epoch): the start of a 428's `expiry`. */
  receivedAt: number;
}

/**
 * What every call resolves to: HTTP error statuses are results, not exceptions (as in openapi-fetch).
 * `ok` is `response.ok`, as a discriminant: `if (result.ok)` narrows `data` and `error`.
 */
export type BelvoResult<Op extends OperationId> =
  | (ResultBase<Op> & { ok: true; data: SuccessBody<Op>; error?: never })
  | (ResultBase<Op> & { ok: false; data?: never; error: ErrorBody<Op> });
