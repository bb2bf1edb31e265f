// Validates values against schemas of the bundled spec with Ajv (JSON Schema 2020-12), independently of Redocly.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import bundledSpec from "../../generated/openapi.json" with { type: "json" };
import { resolveRef } from "../../src/openapi/ref.js";
import {
  listOperations,
  parametersOf as mergedParameters,
  type OpenApiDocument,
} from "../../scripts/openapi/document.js";

// ajv-formats is CommonJS: from ESM, its plugin function is the `default` of module.exports.
const addFormats = addFormatsModule.default;

export const spec = bundledSpec as unknown as Record<string, any>;

const SCHEMA_ID = "belvo-openapi";
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// The RFC 4122 textual form only: ajv-formats also takes a "urn:uuid:" prefix, which no Belvo id carries.
ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat("int32", {
  type: "number",
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat("float", { type: "number", validate: (n: number) => Number.isFinite(n) });
ajv.addVocabulary(["example", "x-single-use", "x-deviation"]); // OpenAPI's keyword and our extensions: documentation only
ajv.addFormat("password", true); // a UI hint (obscure the input), not a constraint
ajv.addSchema(rewriteRefs({ $id: SCHEMA_ID, $defs: spec.components.schemas }));

/** OpenAPI's `#/components/schemas/X` refs point into the document; here they point into our $defs. */
function rewriteRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_ID}#/$defs/`)) as T;
}

const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) a schema object taken from anywhere in the bundled spec. */
export function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema as object));
    compiled.set(key, validate);
  }
  return validate;
}

/** Follows a local `#/...` $ref of the bundled spec. */
export function deref<T = any>(node: any): T {
  return resolveRef<T>(spec, node);
}

export type Operation = { method: string; path: string; operationId: string; operation: any };

/** Every operation of the bundled spec, in its order. */
export function operations(): Operation[] {
  return listOperations(spec as OpenApiDocument).map(({ method, path, operationId, operation }) => ({
    method,
    path,
    operationId,
    operation,
  }));
}

export function findOperation(operationId: string): Operation {
  const found = operations().find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the spec`);
  return found;
}

/** An operation's parameters ($refs followed): the path item's, then its own, which win on the same name and place. */
export function parametersOf({ path, operation }: Operation): any[] {
  return mergedParameters(spec, spec.paths[path], operation);
}

/** The JSON schema of an operation's response body for a status ("200", "428", …); undefined for no JSON body. */
export function responseSchema(operationId: string, status: string): unknown {
  const response = deref(findOperation(operationId).operation.responses[status]);
  if (!response) throw new Error(`${operationId} documents no ${status} response`);
  return response.content?.["application/json"]?.schema;
}

export function requestSchema(operationId: string): unknown {
  return deref(findOperation(operationId).operation.requestBody).content["application/json"].schema;
}

/** Ajv's errors for `value` against the response schema, or [] when it is valid (no body where there is none). */
export function responseErrors(operationId: string, status: string, value: unknown): string[] {
  const schema = responseSchema(operationId, status);
  if (schema === undefined) return value === undefined ? [] : [`/ is a body where ${status} documents none`];
  const validate = validatorFor(schema);
  return validate(value) ? [] : ajvMessages(validate);
}

export function ajvMessages(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
}
