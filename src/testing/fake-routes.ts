// Which operation of the spec a request is for, from the generated table's method and path template: the fake
// routes with it, and tests use it to find the spec's answer schema for what the fake recorded.
import { operationRules } from "../../generated/operation-rules.js";
import type { OperationId } from "../operation-types.js";

interface Route {
  operation: OperationId;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
}

const routes: Route[] = Object.entries(operationRules).map(([operation, { method, path }]) => {
  const parts = path.split(/\{([^}]+)\}/); // text, name, text, name, …, text
  const source = parts.map((part, i) => (i % 2 ? "([^/]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return {
    operation: operation as OperationId,
    method,
    template: path,
    pattern: new RegExp(`^${source}$`),
    names: parts.filter((_, i) => i % 2 === 1),
  };
});

export type RouteMatch =
  /** The operation, and its path parameters as they arrived (still percent-encoded). */
  | { operation: OperationId; pathParams: Record<string, string> }
  /** The path is the spec's, the method is not: the methods the spec defines there. */
  | { allow: string[] };

/** The operation for `METHOD pathname`; undefined for a path the spec does not define. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  // A literal path (`/api/links/export/`) wins over a template that also matches it (`/api/links/{id}/`).
  const onPath = routes.filter((route) => route.pattern.test(pathname)).sort((a, b) => a.names.length - b.names.length);
  if (onPath.length === 0) return undefined;
  const route = onPath.find((candidate) => candidate.method === method.toUpperCase());
  if (!route) return { allow: [...new Set(onPath.map((candidate) => candidate.method))] };
  const values = route.pattern.exec(pathname)!.slice(1);
  return {
    operation: route.operation,
    pathParams: Object.fromEntries(route.names.map((name, i) => [name, values[i]!])),
  };
}
