/** The `{name}`s of a path template, in order: `/api/links/{id}/` → `["id"]`. */
export function pathParameterNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}
