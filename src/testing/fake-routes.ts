// Which operation of the spec a request is for, from the generated table's method and path template: the fake
// routes with it, and tests use it to find the spec's answer schema for what the fake recorded.
import { operationRules } from "../../generated/operation-rules.js";
import { splitPathTemplate } from "../openapi/path-template.js";
import type { OperationId } from "../operation-types.js";

interface Route {
  operation: OperationId;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
}

const routes: Route[] = Object.entries(operationRules).map(([operation, { method, path }]) => {
  const { literals, names } = splitPathTemplate(path);
  const source = literals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("([^/]+)");
  return { operation: operation as OperationId, method, template: path, pattern: new RegExp(`^${source}$`), names };
});

export type RouteMatch =
  /** The operation, and its path parameters as they arrived (still percent-encoded). */
  | { operation: OperationId; pathParams: Record<string, string> }
  /** The path is the spec's, the method is not: the methods the spec defines there. */
  | { allow: string[] };

/** The operation for `METHOD pathname`; undefined for a path the spec does not define. */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  // A literal path (`/api/links/export/`) wins over a template that also matches it (`/api/links/{id}/`), as in
  // OpenAPI: its methods alone are the path's, and another method there is a 405.
  const matching = routes
    .filter((route) => route.pattern.test(pathname))
    .sort((a, b) => a.names.length - b.names.length);
  if (matching.length === 0) return undefined;
  const onPath = matching.filter((route) => route.template === matching[0]!.template);
  const route = onPath.find((candidate) => candidate.method === method.toUpperCase());
  if (!route) return { allow: [...new Set(onPath.map((candidate) => candidate.method))] };
  const values = route.pattern.exec(pathname)!.slice(1);
  return {
    operation: route.operation,
    pathParams: Object.fromEntries(route.names.map((name, i) => [name, values[i]!])),
  };
}

/**
 * Whether a fault's `match` can match a request for some operation of the spec: its method one the spec defines
 * (any case), and its path a prefix of some path of that method (a path parameter stands for one segment). A match
 * that cannot (`"api/links"`, no leading slash) would be queued and never fire.
 */
export function canMatch(method: string | undefined, pathPrefix: string | undefined): boolean {
  return routes.some(
    (route) =>
      (method === undefined || route.method === method.toUpperCase()) &&
      (pathPrefix === undefined || isPrefixOf(pathPrefix, route.template)),
  );
}

/** Whether some path matching `template` starts with `prefix`. */
function isPrefixOf(prefix: string, template: string): boolean {
  const parts = splitPathTemplate(template).literals; // the literal text between path parameters
  let rest = prefix;
  for (const [i, literal] of parts.entries()) {
    if (literal.startsWith(rest)) return true; // the prefix ends inside this literal text
    if (!rest.startsWith(literal)) return false;
    rest = rest.slice(literal.length);
    if (i === parts.length - 1) return rest === "";
    // A parameter: one segment, at least one character.
    const segment = /^[^/]*/.exec(rest)![0];
    if (segment === rest) return true; // the prefix ends inside the parameter
    if (segment === "") return false;
    rest = rest.slice(segment.length);
  }
  return rest === "";
}
