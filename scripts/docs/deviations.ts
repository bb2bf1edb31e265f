// The places where spec/ deliberately differs from Belvo's published document, from their `x-deviation` notes: the
// published docs list them.
export interface Deviation {
  /** The schema and field it is on, such as `PatchBody.session`. */
  where: string;
  why: string;
}

export function collectDeviations(doc: unknown): Deviation[] {
  const found: Deviation[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== "object" || node === null) return;
    const note = (node as Record<string, unknown>)["x-deviation"];
    if (typeof note === "string") found.push({ where: placeName(path), why: note.trim() });
    for (const [key, value] of Object.entries(node)) {
      if (key !== "x-extensions-used") walk(value, [...path, key]); // that one describes the extension itself
    }
  };
  walk(doc, []);
  return found;
}

/** `components/schemas/PatchBody/properties/session` → `PatchBody.session`. */
function placeName(path: string[]): string {
  const named = path[0] === "components" ? path.slice(2) : path;
  return named.filter((key, index) => !(key === "properties" && index % 2 === 1)).join(".") || "the document";
}

/** A Markdown section for the docs page. */
export function deviationsMarkdown(deviations: Deviation[]): string {
  return [
    "## Where this description differs from Belvo's published document",
    "",
    "Built for the API as it answers. Each difference, and why:",
    "",
    ...deviations.map(({ where, why }) => `- **\`${where}\`**: ${why.replace(/\n/g, " ")}`),
  ].join("\n");
}
