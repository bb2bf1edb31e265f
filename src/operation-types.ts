// The types of each operation's results and methods, derived from the generated spec types: nothing here restates a
// field, a status or a code. (`src/public-types.ts` is the `/types` entry.)
import type { documentedErrorCodes } from "../generated/error-codes.js";
import type { OperationArguments } from "../generated/operation-rules.js";
import type { BelvoError, operations } from "../generated/schema.js";

export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]["responses"];
/** A response's JSON body; undefined for one without (a 204). */
type JsonBody<Response> = Response extends { content: { "application/json": infer Body } } ? Body : undefined;
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
export type ErrorBody<Op extends OperationId> = ([ErrorStatus<Op>] extends [never]
  ? BelvoError[] // an operation that documents no error status still gets error lists
  : JsonBody<Responses<Op>[ErrorStatus<Op>]>) & {
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
 * A result of any operation, as code that takes one from any operation reads it (`tokenChallenge`, the call path):
 * one shape, so that checking against it costs the compiler the same for 3 operations or 150, where
 * `BelvoResult<OperationId>` is a union of two members per operation.
 */
export interface AnyResult extends ResultBase<OperationId> {
  ok: boolean;
  data?: unknown;
  error?: unknown;
}

/**
 * What every call resolves to: HTTP error statuses are results, not exceptions (as in openapi-fetch).
 * `ok` is `response.ok`, as a discriminant: `if (result.ok)` narrows `data` and `error`.
 */
export type BelvoResult<Op extends OperationId> = Op extends OperationId // one result type per operation of a union
  ? | (ResultBase<Op> & { ok: true; data: SuccessBody<Op>; error?: never })
    | (ResultBase<Op> & { ok: false; data?: never; error: ErrorBody<Op> })
  : never;

/** What every operation method takes last. */
export interface CallOptions {
  /** Abort the call (not retried once aborted). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

type ParametersOf<Op extends OperationId> = operations[Op]["parameters"];
/** `{ query }` or `{ header }` (optional unless a parameter in it is required), or nothing for an operation without. */
type ParameterOption<Op extends OperationId, In extends "query" | "header"> = [
  NonNullable<ParametersOf<Op>[In]>,
] extends [never]
  ? unknown
  : Pick<ParametersOf<Op>, In>;

/**
 * An operation's call options: `signal` and `timeoutMs`, plus its query and header parameters under the spec's names,
 * kept apart in `query` and `header` as openapi-fetch keeps `params.query` and `params.header`.
 */
export type CallOptionsOf<Op extends OperationId> = CallOptions &
  ParameterOption<Op, "query"> &
  ParameterOption<Op, "header">;

type OptionsArgument<Op extends OperationId> =
  {} extends CallOptionsOf<Op> ? [options?: CallOptionsOf<Op>] : [options: CallOptionsOf<Op>];

/**
 * A method per operation of the spec, named by its operationId: the path parameters in the path's order, then the
 * JSON body if it has one, then the call options. Each resolves to the operation's BelvoResult.
 */
export type OperationMethods = {
  [Op in keyof OperationArguments]: (
    ...args: [...OperationArguments[Op], ...OptionsArgument<Op & OperationId>]
  ) => Promise<BelvoResult<Op & OperationId>>;
};
