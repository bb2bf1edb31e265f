// Belvo's document as facts only: its shapes, with no sentence of Belvo's prose (no description, summary or example),
// but the facts spec:upstream reads out of them: an error `code`'s example and the DevPortal anchors its description
// links to. What the record's hash is taken over, so a document and its facts-only copy are the same document; and
// what the committed test fixtures are (`npm run spec:facts`), so the tests need nothing beside the repository.

type Node = Record<string, unknown>;

const PROSE = new Set(["description", "summary", "example", "examples", "x-code-samples", "x-codeSamples"]);
/** A DevPortal error anchor (`belvo-api-errors#400-session_expired`): a code, not a sentence. */
const ERROR_ANCHOR = /belvo-api-errors#\d{3}-[a-z][a-z0-9_]*/g;

/** A copy of `document` without prose; idempotent, so a facts-only copy gives itself back. */
export function factsOnly<T>(document: T): T {
  return strip(document, false) as T;
}

function strip(value: unknown, isErrorCode: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, false));
  if (typeof value !== "object" || value === null) return value;
  const copy: Node = {};
  for (const [key, item] of Object.entries(value as Node)) {
    if (PROSE.has(key)) {
      const kept = isErrorCode ? errorCodeFact(key, item) : undefined;
      if (kept !== undefined) copy[key] = kept;
      continue;
    }
    // A schema's `properties.code` is where Belvo names an error's code.
    const properties = key === "properties" && typeof item === "object" && item !== null;
    copy[key] = properties ? stripProperties(item as Node) : strip(item, false);
  }
  return copy;
}

function stripProperties(properties: Node): Node {
  const copy: Node = {};
  for (const [name, schema] of Object.entries(properties)) copy[name] = strip(schema, name === "code");
  return copy;
}

/** What an error code's example or description says as a fact: the code itself, or the anchors it links to. */
function errorCodeFact(key: string, value: unknown): unknown {
  if (key === "example") return typeof value === "string" ? value : undefined;
  if (key !== "description" || typeof value !== "string") return undefined;
  const anchors = value.match(ERROR_ANCHOR);
  return anchors ? anchors.join(" ") : undefined;
}
