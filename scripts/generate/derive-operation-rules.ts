import { readFileSync } from "node:fs";
import type { FieldRule, OperationRules } from "./operation-rule-types.js";
import type { ResponseObject } from "openapi-typescript";
import {
  jsonContentSchema,
  type OpenApiDocument,
  type OperationEntry,
  type SchemaObject,
} from "../openapi/document.js";
import { resolveRef } from "../../src/openapi/ref.js";
import { forEachOperation } from "./operation-error.js";
import { pathParameterNames } from "../../src/openapi/path-template.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The table's types as scripts/generate/operation-rule-types.ts writes them (its opening comment aside), copied into the
 * table: the runtime (generated/, src/) imports nothing from the build tooling.
 */
const RULE_TYPES = readFileSync(new URL("./operation-rule-types.ts", import.meta.url), "utf8").replace(
  /^(\/\/[^\n]*\n)+\n*/,
  "",
);

/** Members of the client beside its operation methods (src/client.ts, src/mfa.ts), and `then`, which would make the
 * client look like a promise to `await`. */
const RESERVED_NAMES = ["api", "resumeOwnersRequest", "resumeLinkUpdate", "then"];

/** The one JSON type a value must have (`null` aside), or undefined when the schema leaves it open. */
function jsonType(schema: SchemaObject): string | undefined {
  const type = (schema as { type?: string | string[] }).type;
  return Array.isArray(type) ? type.find((t) => t !== "null") : type;
}

function fieldRule(doc: OpenApiDocument, schemaOrRef: SchemaObject | undefined): FieldRule {
  if (schemaOrRef === undefined) return { type: "any" };
  const schema = resolveRef<SchemaObject>(doc, schemaOrRef);
  const rule: Mutable<FieldRule> = { type: jsonType(schema) ?? "any" };
  const constraints = schema as Record<string, unknown>;
  for (const key of ["format", "pattern", "minLength", "maxLength", "minItems", "maxItems"] as const) {
    if (constraints[key] !== undefined) Object.assign(rule, { [key]: constraints[key] });
  }
  // Numbers only: 3.0's boolean exclusiveMinimum is a flag on minimum, which the bound itself already states.
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (typeof constraints[key] === "number") Object.assign(rule, { [key]: constraints[key] });
  }
  if (Array.isArray(constraints.enum)) rule.enum = constraints.enum;
  if (constraints.format === "password") rule.secret = true;
  if ((schema as Record<string, unknown>)["x-single-use"] === true) rule.singleUse = true;
  const items = (schema as { items?: SchemaObject }).items;
  if (rule.type === "array" && items !== undefined) rule.items = fieldRule(doc, items);
  return rule;
}

type ObjectSchema = { type?: unknown; properties?: Record<string, SchemaObject>; required?: string[] };

/**
 * The request body: whether there is one, and the rules of its fields. It must be a JSON object, or a `oneOf` of
 * objects (each branch's rules kept, and every branch's fields in `rules`).
 */
function requestBody(doc: OpenApiDocument, operation: OperationEntry["operation"]) {
  if (operation.requestBody === undefined)
    return { presence: "none" as const, rules: { required: [], properties: {} } };
  const body = resolveRef<{ required?: boolean; content?: Record<string, unknown> }>(doc, operation.requestBody);
  const presence = body.required === true ? ("required" as const) : ("optional" as const);
  const media = Object.keys(body.content ?? {});
  if (!media.includes("application/json"))
    throw new Error(`its request body must be application/json (found ${media.join(", ") || "no content"})`);
  const schema = jsonContentSchema(doc, operation.requestBody) as
    (ObjectSchema & { oneOf?: SchemaObject[] }) | undefined;
  const objectRules = ({ properties = {}, required = [] }: ObjectSchema) => ({
    required,
    properties: Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, fieldRule(doc, s)])),
  });
  if (Array.isArray(schema?.oneOf)) {
    const branches = schema.oneOf.map((branch) => resolveRef<ObjectSchema>(doc, branch));
    const notObject = branches.findIndex((branch) => branch.type !== "object");
    if (notObject !== -1) throw new Error(`its request body's oneOf branch ${notObject} must be a JSON object`);
    const oneOf = branches.map(objectRules);
    const properties = Object.assign({}, ...oneOf.map((branch) => branch.properties));
    return { presence, rules: { required: [], properties }, oneOf };
  }
  if (schema?.type !== "object") {
    const found = schema === undefined ? "no schema" : `a JSON ${String(jsonType(schema as SchemaObject) ?? "value")}`;
    throw new Error(`its request body must be a JSON object or a oneOf of objects (found ${found})`);
  }
  return { presence, rules: objectRules(schema) };
}

function rulesOf(doc: OpenApiDocument, entry: OperationEntry): OperationRules {
  const { path, method, operation, parameters } = entry;
  const parametersIn = (location: string) => parameters.filter((p) => p.in === location);
  const objectRules = (location: string) => ({
    required: parametersIn(location)
      .filter((p) => p.required === true)
      .map((p) => p.name),
    properties: Object.fromEntries(parametersIn(location).map((p) => [p.name, parameterRule(p)])),
  });
  // A query array with `explode: false` goes as one comma-separated value, as Belvo's `__in` filters take it.
  const parameterRule = (parameter: (typeof parameters)[number]): FieldRule => {
    const rule = fieldRule(doc, parameter.schema);
    const commaSeparated = parameter.in === "query" && parameter.explode === false && rule.type === "array";
    return commaSeparated ? { ...rule, commaSeparated: true } : rule;
  };
  if (RESERVED_NAMES.includes(entry.operationId)) {
    throw new Error(`its operationId names a member the client already has: ${RESERVED_NAMES.join(", ")} are taken`);
  }
  if (parametersIn("cookie").length) throw new Error("cookie parameters are not supported");
  for (const parameter of parameters) {
    // The client serializes parameters as openapi-fetch does by default, which is OpenAPI's default; and a query
    // array with `explode: false`, comma-separated.
    const form = parameter.in === "query";
    const commaSeparated = form && parameter.explode === false && fieldRule(doc, parameter.schema).type === "array";
    if (
      (parameter.style ?? (form ? "form" : "simple")) !== (form ? "form" : "simple") ||
      ((parameter.explode ?? form) !== form && !commaSeparated)
    )
      throw new Error(
        `parameter ${parameter.name}: only the default style and explode are supported, and explode: false for a query array`,
      );
  }

  // Path parameters in the template's order: the order a method takes them in.
  const declared = new Map(parametersIn("path").map((p) => [p.name, p]));
  const names = pathParameterNames(path);
  const secret = names.find((name) => fieldRule(doc, declared.get(name)?.schema).secret);
  // A URL ends up in logs, and errors name each request by its path.
  if (secret) throw new Error(`path parameter ${secret} is a secret (format: password): send it in the body`);
  const undeclared = [
    ...names.filter((n) => !declared.has(n)),
    ...[...declared.keys()].filter((n) => !names.includes(n)),
  ];
  if (undeclared.length)
    throw new Error(`its path template and its path parameters differ on ${undeclared.join(", ")}`);

  const responseBodyTypes: Record<string, string> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = jsonContentSchema(doc, response);
    // A body of another media type (or a JSON one without a type) is not checked: "any".
    const content = resolveRef<ResponseObject>(doc, response).content;
    responseBodyTypes[status] = schema ? (jsonType(schema) ?? "any") : content ? "any" : "none";
  }
  const body = requestBody(doc, operation);

  return {
    method: method.toUpperCase(),
    path,
    pathParams: Object.fromEntries(names.map((name) => [name, fieldRule(doc, declared.get(name)!.schema)])),
    query: objectRules("query"),
    header: objectRules("header"),
    requestBody: body.presence,
    body: body.rules,
    ...(body.oneOf ? { bodyOneOf: body.oneOf } : {}),
    responseBodyTypes,
  };
}

/** The servers, by their `x-environment` name. */
function servers(doc: OpenApiDocument): Record<string, string> {
  return Object.fromEntries(
    (doc.servers ?? []).map((server) => {
      const environment: unknown = server["x-environment"];
      if (typeof environment !== "string") throw new Error(`server ${server.url} has no x-environment`);
      return [environment, server.url];
    }),
  );
}

/** A path parameter's name as a label of a tuple element (an identifier; the label only shows in editors). */
function argumentLabel(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(label) ? `_${label}` : label;
}

/** Each operation's arguments before the call options, as a labelled tuple type over the generated `operations`. */
function operationArguments(doc: OpenApiDocument, rules: Record<string, OperationRules>): string {
  const members = forEachOperation(doc, ({ operationId, method, path, operation }) => {
    const op = `operations[${JSON.stringify(operationId)}]`;
    const elements = pathParameterNames(path).map(
      (name) => `${argumentLabel(name)}: ${op}["parameters"]["path"][${JSON.stringify(name)}]`,
    );
    const presence = rules[operationId]!.requestBody;
    if (presence !== "none") {
      const optional = presence === "optional" ? "?" : "";
      elements.push(`body${optional}: NonNullable<${op}["requestBody"]>["content"]["application/json"]`);
    }
    const summary = typeof operation.summary === "string" ? `: ${operation.summary.replace(/\*\//g, "* /")}` : "";
    return `  /** \`${method.toUpperCase()} ${path}\`${summary} */
  ${JSON.stringify(operationId)}: [${elements.join(", ")}];`;
  });
  return members.join("\n");
}

/** TypeScript source for generated/operation-rules.ts. */
export function renderOperationRules(doc: OpenApiDocument): string {
  const rules = Object.fromEntries(forEachOperation(doc, (entry) => [entry.operationId, rulesOf(doc, entry)]));
  return `// Generated by scripts/generate.ts from spec/. Do not edit: change the spec and run \`npm run generate\`.
import type { operations } from "./schema.js";

${RULE_TYPES}
/** The version of Belvo's API that spec/ describes. */
export const apiVersion = ${JSON.stringify(doc.info.version)};

/** Belvo's servers, by the \`x-environment\` name of each. */
export const servers = ${JSON.stringify(servers(doc), null, 2)} as const;

/**
 * Every operation of the spec, by its operationId: how to call it, the rules of its inputs (path, query, headers,
 * JSON body) and the JSON type of each documented response body. The client makes one method of each entry and
 * checks requests before they reach the wire; the fake Belvo routes and validates with the same table.
 */
export const operationRules = ${JSON.stringify(rules, null, 2)} as const satisfies Record<string, OperationRules>;

/**
 * What each operation's method takes before its call options: the path parameters, in the path's order, then
 * the JSON body if the operation has one.
 */
export interface OperationArguments {
${operationArguments(doc, rules)}
}
`;
}
