// Any operation of the spec, called through the client with the spec's own examples: so that tests enumerate the
// operations instead of naming them, and cover a new one with no edit.
import { pathParameterNames } from "../../src/openapi/path-template.js";
import type { BelvoClient, BelvoResult, CallOptions, OperationId } from "../../src/index.js";
import { deref, findOperation, operations, parametersOf } from "./spec-validator.js";

/** Every operationId of the spec, in its order. */
export const operationIds = operations().map((op) => op.operationId as OperationId);

const exampleOf = (node: any): unknown => node.example ?? deref(Object.values<any>(node.examples ?? {})[0])?.value;

/** The request body's named examples of an operation (none for an operation without a body). */
export function requestExamples(operationId: string): Array<{ name: string; body: unknown }> {
  const { operation } = findOperation(operationId);
  const media = deref(operation.requestBody)?.content?.["application/json"];
  return Object.entries<any>(media?.examples ?? {}).map(([name, example]) => ({ name, body: deref(example).value }));
}

/**
 * A method's arguments from the spec's examples: each path parameter's `example`, the first named example of the
 * body, and the required query and header parameters' examples, with `options` merged into the call options.
 */
export function exampleArguments(
  operationId: string,
  options: CallOptions = {},
  body: unknown = requestExamples(operationId)[0]?.body,
): unknown[] {
  const operation = findOperation(operationId);
  const parameters = parametersOf(operation);
  const args: unknown[] = pathParameterNames(operation.path).map((name) =>
    exampleOf(parameters.find((p) => p.in === "path" && p.name === name)),
  );
  if (operation.operation.requestBody) args.push(body);
  const required = (location: string) =>
    Object.fromEntries(parameters.filter((p) => p.in === location && p.required).map((p) => [p.name, exampleOf(p)]));
  const query = required("query");
  const header = required("header");
  args.push({
    ...options,
    ...(Object.keys(query).length ? { query } : {}),
    ...(Object.keys(header).length ? { header } : {}),
  });
  return args;
}

/** Calls any operation's method as a user would, with the spec's examples as its arguments. */
export function callWithExamples(
  belvo: BelvoClient,
  operationId: OperationId,
  options?: CallOptions,
  body?: unknown,
): Promise<BelvoResult<OperationId>> {
  const method = belvo[operationId] as (...args: unknown[]) => Promise<BelvoResult<OperationId>>;
  return method(...exampleArguments(operationId, options, body));
}
