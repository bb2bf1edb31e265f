// `belvo-openapi-client/types`: the generated types, under the spec's own names (`Link`, `Owner`, `PatchBody`,
// `LinksPutRequest`, `BelvoError`, `TokenRequiredError`, … and `paths`, `components`, `operations`), and the
// client's result types. Types only: nothing at run time.
export type * from "../generated/schema.js";
export type { ErrorCode } from "../generated/error-codes.js";
export type { BelvoResult, ErrorBody, OperationId, SuccessBody } from "./operation-types.js";
