// The check of each adopted example against the schema it illustrates, in the spec as written, that Redocly's lint
// does not make: formats (`uri`, `date`, `email`…). Ajv (JSON Schema 2020-12, what OpenAPI 3.1 schemas are) with
// ajv-formats, as the project's tests hold the fake and Prism to the spec, over the bundled spec.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { operationsOf } from "../openapi/document.js";
import type { ExampleSlot } from "./plan.js";

type Node = Record<string, any>;

// ajv-formats is CommonJS: what Node imports is the function its types call `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * `check(slot)`: why the slot's value does not meet its schema in `bundled` (the spec as written, bundled), or
 * undefined (also where the slot's schema cannot be found or read: the lint has checked it).
 */
export function exampleChecker(bundled: Node): (slot: ExampleSlot) => string | undefined {
  const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ components: withRefsInto(bundled.components ?? {}) }, "spec");
  const schemas = schemasOfExamples(bundled);
  const compiled = new Map<unknown, ValidateFunction | undefined>();
  return (slot) => {
    const schema = schemaOf(slot, bundled, schemas);
    if (schema === undefined || slot.value === undefined) return undefined;
    if (!compiled.has(schema)) {
      try {
        compiled.set(schema, ajv.compile(withRefsInto(schema)));
      } catch {
        compiled.set(schema, undefined); // a schema Ajv cannot read: the lint is the only check
      }
    }
    const validate = compiled.get(schema);
    if (!validate || validate(slot.value)) return undefined;
    const [first] = validate.errors ?? [];
    return first ? `${first.instancePath || "the value"} ${first.message}` : "does not meet its schema";
  };
}

/** Each example component → the schema of a body it illustrates. */
function schemasOfExamples(bundled: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  const media = (content: Node | undefined) => {
    for (const each of Object.values<Node>(content ?? {})) {
      for (const example of Object.values<Node>(each.examples ?? {})) {
        if (typeof example.$ref === "string" && each.schema) found.set(example.$ref.split("/").pop()!, each.schema);
      }
    }
  };
  for (const { operation } of operationsOf(bundled) as Array<{ operation: Node }>) {
    media(operation.requestBody?.content);
    for (const response of Object.values<Node>(operation.responses ?? {})) media(response.content);
  }
  for (const response of Object.values<Node>(bundled.components?.responses ?? {})) media(response.content);
  return found;
}

/** The schema a slot's value illustrates: a body's, a parameter component's, or an inline parameter's. */
function schemaOf(slot: ExampleSlot, bundled: Node, schemas: Map<string, Node>): Node | undefined {
  const name = slot.file
    .split("/")
    .pop()!
    .replace(/\.yaml$/, "");
  if (slot.file.startsWith("spec/components/examples/")) return schemas.get(name);
  if (slot.file.startsWith("spec/components/parameters/")) return bundled.components?.parameters?.[name]?.schema;
  const [, method, , index] = slot.pointer.split("/"); // /<method>/parameters/<i>/example in a path file
  const apiPath = slot.operation.slice(slot.operation.indexOf(" ") + 1);
  return bundled.paths?.[apiPath]?.[method!]?.parameters?.[Number(index)]?.schema;
}

/** A copy whose local `$ref`s (`#/components/…`) point into the spec added as "spec". */
function withRefsInto<T>(node: T): T {
  return JSON.parse(JSON.stringify(node), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `spec${value}` : value,
  );
}
