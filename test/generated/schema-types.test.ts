// generated/schema.ts (openapi-typescript's types) against the spec it is generated from. From the bundled spec this
// test writes what each type must be (every component schema, every operation's parameters, request body, statuses
// and response bodies) as type-level equalities, and the compiler checks them against the generated types: nothing
// about the spec (a field, a status, an enum value) is typed here.
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/project-copy.js";
import { deref, operations, parametersOf, spec } from "../helpers/spec-validator.js";

/** The TypeScript type a schema of the bundled spec stands for: a reference by its component, the rest spelled out. */
function typeOf(schema: any): string {
  if (schema === undefined || schema === true) return "unknown";
  if (typeof schema.$ref === "string") {
    const [, , kind, name] = schema.$ref.split("/");
    return `components[${JSON.stringify(kind)}][${JSON.stringify(name)}]`;
  }
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = types.includes("null");
  let base: string;
  if (schema.oneOf || schema.anyOf) base = (schema.oneOf ?? schema.anyOf).map(typeOf).join(" | ");
  else if (schema.allOf) base = schema.allOf.map(typeOf).join(" & ");
  else if (Array.isArray(schema.enum)) {
    return schema.enum.map((value: unknown) => JSON.stringify(value)).join(" | ") + (nullable ? " | null" : "");
  } else {
    const type = types.find((t) => t !== "null") ?? (schema.properties ? "object" : undefined);
    if (type === undefined && nullable) return "null";
    if (type === "string") base = "string";
    else if (type === "integer" || type === "number") base = "number";
    else if (type === "boolean") base = "boolean";
    else if (type === "array") base = `(${typeOf(schema.items)})[]`;
    else if (type === "object") {
      const required = new Set<string>(schema.required ?? []);
      const fields = Object.entries<any>(schema.properties ?? {}).map(
        ([name, property]) => `${JSON.stringify(name)}${required.has(name) ? "" : "?"}: ${typeOf(property)};`,
      );
      // Any other key: an index signature of its type (`additionalProperties: true`: unknown), beside the properties
      // as openapi-typescript writes it; no key at all: its Record<string, never>.
      const others = schema.additionalProperties;
      const index = others !== undefined && others !== false ? `{ [key: string]: ${typeOf(others)}; }` : undefined;
      const named = fields.length ? `{ ${fields.join(" ")} }` : undefined;
      base = named && index ? `${named} & ${index}` : (named ?? index ?? "Record<string, never>");
    } else if (type === undefined) base = "unknown"; // no type: any JSON value
    else throw new Error(`no type for ${JSON.stringify(schema).slice(0, 200)}`);
  }
  return nullable ? `(${base}) | null` : base;
}

/** The JSON body type of a request body or response in the spec; never when it has none. */
const jsonBody = (node: any) => {
  const schema = deref(node)?.content?.["application/json"]?.schema;
  return schema === undefined ? "never" : typeOf(schema);
};

/** The type of a set of parameters (query, path or header) as openapi-typescript gives it: optional when none is required. */
function parametersType(parameters: any[]): string {
  if (parameters.length === 0) return "undefined";
  const fields = parameters.map(
    (p) => `${JSON.stringify(p.name)}${p.required ? "" : "?"}: ${typeOf(deref(p.schema))};`,
  );
  return `{ ${fields.join(" ")} }${parameters.some((p) => p.required) ? "" : " | undefined"}`;
}

/** One equality per line: the generated type (left) must be exactly the one the spec gives (right). */
function expectations(): string[] {
  const lines: string[] = [];
  const equal = (label: string, actual: string, expected: string) =>
    lines.push(`// ${label}\nexport const e${lines.length}: Equal<${actual}, ${expected}> = true;`);
  for (const [name, schema] of Object.entries<any>(spec.components.schemas)) {
    const { $ref: _, ...inline } = schema; // a component is its own definition, not a reference to itself
    equal(`schema ${name}`, `components["schemas"][${JSON.stringify(name)}]`, typeOf(inline));
  }
  for (const op of operations()) {
    const operation = `operations[${JSON.stringify(op.operationId)}]`;
    const statuses = Object.keys(op.operation.responses).map((status) => (/^\d+$/.test(status) ? status : `"${status}"`));
    equal(`${op.operationId}: its statuses`, `keyof ${operation}["responses"]`, statuses.join(" | "));
    for (const [status, response] of Object.entries(op.operation.responses)) {
      const key = /^\d+$/.test(status) ? status : JSON.stringify(status);
      equal(`${op.operationId} ${status}`, `Json<${operation}["responses"][${key}]>`, jsonBody(response));
    }
    const body = deref(op.operation.requestBody);
    equal(
      `${op.operationId}: its request body`,
      body ? `Json<NonNullable<${operation}["requestBody"]>>` : `${operation}["requestBody"]`,
      body ? jsonBody(body) : "undefined",
    );
    if (body) {
      equal(`${op.operationId}: a body required or not`, `undefined extends ${operation}["requestBody"] ? false : true`, String(Boolean(body.required)));
    }
    for (const place of ["query", "path", "header"]) {
      const declared = parametersOf(op).filter((p) => p.in === place);
      equal(`${op.operationId}: its ${place} parameters`, `${operation}["parameters"][${JSON.stringify(place)}]`, parametersType(declared));
    }
  }
  return lines;
}

describe("generated/schema.ts", () => {
  it("types every component schema and every operation's parameters, body, statuses and responses as the spec says", () => {
    const lines = expectations();
    // Not vacuous: every schema, and each operation's statuses, responses, body and parameters.
    expect(lines.length).toBeGreaterThan(Object.keys(spec.components.schemas).length + operations().length * 5);
    const file = path.join(repoRoot, "test", "generated", "schema-types.expected.ts");
    const source = [
      `import type { components, operations } from "../../generated/schema.js";`,
      // Exactly the same type, not merely assignable either way.
      `type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;`,
      `type Json<R> = R extends { content: { "application/json": infer Body } } ? Body : never;`,
      ...lines,
    ].join("\n");
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts"],
      types: [],
      skipLibCheck: true,
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, language, ...rest) =>
      name === file ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language, ...rest);
    host.fileExists = (name) => name === file || fileExists.call(host, name);
    host.readFile = (name) => (name === file ? source : readFile.call(host, name));
    const program = ts.createProgram([file], options, host);
    const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!);
      const label = source.split("\n")[line - 1];
      return `${label}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n")[0]}`;
    });
    expect(errors).toEqual([]);
  });
});
