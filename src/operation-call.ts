// The one call path of every operation method. The generated table (generated/operation-rules.ts) says what each
// operation takes; the caller's arguments are checked against it before anything is sent, openapi-fetch sends them
// through the transport, and the answer becomes a BelvoResult. No operation is named here.
import type { Client } from "openapi-fetch";
import { operationRules, type FieldRule, type OperationRules } from "../generated/operation-rules.js";
import type { paths } from "../generated/schema.js";
import { BelvoInputError } from "./errors/belvo-input-error.js";
import { checkBody, checkObject, checkValue } from "./input/check-input.js";
import { checkCallOptions } from "./options.js";
import { redactor } from "./redact.js";
import { toResult, type RawResult } from "./result.js";
import { readSentRequest } from "./single-use.js";
import { CALL_TIMEOUT, sentAsOf } from "./transport/transport.js";
import type { AnyResult, OperationId, OperationMethods } from "./operation-types.js";

/** What the call path works out once per operation from its rules. */
interface Plan {
  rules: OperationRules;
  /** `METHOD /path template`, as messages name the operation before its request exists. */
  name: string;
  /** The path parameters, in the path's order. */
  pathNames: string[];
  /** The keys the call options take besides signal and timeoutMs. */
  parameterOptions: Array<"query" | "header">;
}

function planOf(rules: OperationRules): Plan {
  return {
    rules,
    name: `${rules.method} ${rules.path}`,
    pathNames: Object.keys(rules.pathParams), // the generator writes them in the path's order
    parameterOptions: (["query", "header"] as const).filter((key) => Object.keys(rules[key].properties).length > 0),
  };
}

const plans = new Map(Object.entries(operationRules).map(([operation, rules]) => [operation, planOf(rules)]));

interface Arguments {
  path: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  query: Record<string, unknown> | undefined;
  header: Record<string, unknown> | undefined;
  options: Record<string, any> | undefined;
}

/**
 * Checks a method's arguments against its rules, refusing (before anything is sent) what breaks them. The body, query
 * and headers come back as the plain copies that were checked: those are what is sent.
 */
function checkArguments(plan: Plan, args: readonly unknown[]): Arguments {
  const { rules, pathNames } = plan;
  const takesBody = rules.requestBody !== "none";
  const positional = pathNames.length + (takesBody ? 1 : 0);
  let count = args.length;
  while (count > 0 && args[count - 1] === undefined) count--;
  if (count > positional + 1) {
    throw new BelvoInputError("arguments", `${plan.name} takes ${positional + 1} at most, not ${count}`);
  }

  const path: Record<string, unknown> = {};
  pathNames.forEach((name, i) => {
    if (args[i] === undefined) throw new BelvoInputError(name, `is required (a path parameter of ${plan.name})`);
    checkValue(args[i], rules.pathParams[name]!, name);
    path[name] = args[i];
  });

  const given = takesBody ? args[pathNames.length] : undefined;
  const body =
    given !== undefined || rules.requestBody === "required"
      ? checkBody(given, rules, `the ${plan.name} body`)
      : undefined;

  const options = checkCallOptions(args[positional], plan.parameterOptions);
  const parameters: Partial<Record<"query" | "header", Record<string, unknown>>> = {};
  for (const key of plan.parameterOptions) {
    const value = options?.[key];
    if (value !== undefined || rules[key].required.length > 0)
      parameters[key] = checkObject(value, rules[key], `the ${plan.name} ${key}`);
  }
  if (parameters.query) parameters.query = withCommaSeparatedArrays(parameters.query, rules.query);
  return { path, body, ...parameters, options } as Arguments;
}

/** The query with each `explode: false` array as the one comma-separated value Belvo reads (`?link__in=a,b`). */
function withCommaSeparatedArrays(query: Record<string, unknown>, rules: OperationRules["query"]) {
  const joined = Object.entries(query).map(([name, value]) => {
    const commaSeparated = Array.isArray(value) && (rules.properties[name] as FieldRule).commaSeparated;
    return [name, commaSeparated ? value.join(",") : value];
  });
  return Object.fromEntries(joined);
}

/**
 * One method per operation of the spec, each on the single call path. `credentials` are the Basic credentials, which
 * a result's formatting redacts with the secrets the call sent.
 */
export function operationMethods(api: Client<paths>, credentials: readonly string[]): OperationMethods {
  // openapi-fetch's `request`, for a method and path known only at run time: the arguments were checked against the
  // operation's rules instead, and OperationMethods types them.
  const request = api.request as unknown as (method: string, path: string, init: object) => Promise<RawResult>;

  async function call(operation: OperationId, args: readonly unknown[]): Promise<AnyResult> {
    const plan = plans.get(operation)!;
    const { path, body, query, header, options } = checkArguments(plan, args);
    const raw = await request(plan.rules.method, plan.rules.path, {
      params: { path, query, header },
      body,
      signal: options?.signal,
      parseAs: "text",
      [CALL_TIMEOUT]: options?.timeoutMs,
    });
    // The transport names the request as sent and what it carried; when a middleware answered in its place, or
    // replaced its response, the template and the body this method passed stand in.
    const sentAs = sentAsOf(raw.response) ?? {
      request: plan.name,
      secrets: readSentRequest("", {}, body && JSON.stringify(body)).secrets,
    };
    const redact = redactor([...credentials, ...sentAs.secrets]);
    return toResult({ operation, request: sentAs.request, redact }, raw);
  }

  return Object.fromEntries(
    [...plans.keys()].map((operation) => [operation, (...args: unknown[]) => call(operation as OperationId, args)]),
  ) as unknown as OperationMethods;
}
