// `belvo-openapi-client/types`: the generated types and friendly names for them. Types only: nothing at run time.
import type { components } from "../generated/schema.js";

export type { components, operations, paths, webhooks } from "../generated/schema.js";
export type { DocumentedErrorCode } from "../generated/error-codes.js";
export type { BelvoResult, ErrorBody, OperationId, SuccessBody } from "./types.js";

type Schemas = components["schemas"];

/** A link, as PUT /api/links/{id}/ returns it. */
export type Link = Schemas["Link"];
/** Any of the three owner shapes PATCH /api/owners/ returns. */
export type Owner = Schemas["Owner"];
/** The standard (multi-region) owner: Mexican and Colombian institutions. */
export type OwnerStandard = Schemas["OwnerStandard"];
/** An individual owner from an Open Finance Brazil institution. */
export type OwnerIndividualBrazil = Schemas["OwnerIndividualOpenFinanceBrazil"];
/** A business owner from an Open Finance Brazil institution. */
export type OwnerBusinessBrazil = Schemas["OwnerBusinessOpenFinanceBrazil"];
/** One error object of an error body (every field may be absent; `code` is an open set). */
export type BelvoErrorObject = Schemas["BelvoError"];
/** One element of a 428 token_required body. */
export type TokenRequired = Schemas["TokenRequiredError"];
/** What the MFA token generation needs from the user. */
export type TokenGenerationData = Schemas["TokenGenerationData"];
/** The PUT /api/links/{id}/ request body. */
export type LinkCredentialsBody = Schemas["LinksPutRequest"];
/** The PATCH /api/owners/ request body. */
export type CompleteOwnersRequestBody = Schemas["PatchBody"];
