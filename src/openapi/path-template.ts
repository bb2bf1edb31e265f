// Path templates (`/api/links/{id}/`): the one reader of their parameters, for the generator, the fake's routes and
// the tests. No Node built-in: the fake runs wherever the client does.

export interface PathTemplate {
  /** The literal text around the parameters, one more than there are parameters: `["/api/links/", "/"]`. */
  literals: string[];
  /** The parameters' names, in the template's order: `["id"]`. */
  names: string[];
}

/** `/api/links/{id}/` → `{ literals: ["/api/links/", "/"], names: ["id"] }`. */
export function splitPathTemplate(template: string): PathTemplate {
  const parts = template.split(/\{([^}]+)\}/); // text, name, text, name, …, text
  return { literals: parts.filter((_, i) => i % 2 === 0), names: parts.filter((_, i) => i % 2 === 1) };
}

/** The `{name}`s of a path template, in order: `/api/links/{id}/` → `["id"]`. */
export function pathParameterNames(template: string): string[] {
  return splitPathTemplate(template).names;
}
