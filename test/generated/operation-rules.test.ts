// generated/operation-rules.ts against the spec it is generated from: every expectation is read from the bundled
// spec (its parameters, bodies, responses and servers), never typed here.
import { describe, expect, it } from "vitest";
import { apiVersion, operationRules, servers, type OperationRules } from "../../generated/operation-rules.js";
import { deref, operations, parametersOf, spec } from "../helpers/spec-validator.js";

const rulesOf = (operationId: string) => operationRules[operationId as keyof typeof operationRules] as OperationRules;

/** A schema's one JSON type (`null` aside), as a rule states it. */
const jsonType = (schema: any) => (Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type);

/** What a field's rule must say, from its schema in the spec: its type and each constraint the spec gives it. */
function expectedRule(schemaOrRef: unknown): Record<string, unknown> {
  const schema = deref(schemaOrRef);
  const rule: Record<string, unknown> = { type: jsonType(schema) ?? "any" };
  for (const key of ["format", "pattern", "minLength", "maxLength", "minimum", "maximum", "enum"]) {
    if (schema[key] !== undefined) rule[key] = schema[key];
  }
  return rule;
}

/** The request body's JSON object schema, when the operation takes one. */
const bodySchema = (operation: any) => {
  const schema = deref(deref(operation.requestBody)?.content?.["application/json"]?.schema);
  return schema?.properties ? schema : undefined;
};

describe("generated/operation-rules.ts", () => {
  it("carries the spec's request rules the client checks before sending: path, query and body fields", () => {
    let bodies = 0;
    for (const op of operations()) {
      const rules = rulesOf(op.operationId);
      const parameters = parametersOf(op);
      for (const parameter of parameters.filter((p) => p.in === "path")) {
        expect(rules.pathParams[parameter.name], `${op.operationId} ${parameter.name}`).toMatchObject(
          expectedRule(parameter.schema),
        );
      }
      for (const place of ["query", "header"] as const) {
        const declared = parameters.filter((p) => p.in === place);
        expect(rules[place].required).toEqual(declared.filter((p) => p.required).map((p) => p.name));
        for (const parameter of declared) {
          expect(rules[place].properties[parameter.name], `${op.operationId} ${parameter.name}`).toMatchObject(
            expectedRule(parameter.schema),
          );
        }
      }
      const body = bodySchema(op.operation);
      if (!body) continue;
      bodies++;
      expect(rules.body.required, op.operationId).toEqual(body.required ?? []);
      expect(Object.keys(rules.body.properties).sort()).toEqual(Object.keys(body.properties).sort());
      for (const [name, schema] of Object.entries(body.properties)) {
        expect(rules.body.properties[name], `${op.operationId} ${name}`).toMatchObject(expectedRule(schema));
      }
    }
    expect(bodies).toBeGreaterThan(0);
  });

  it("has an entry per operation of the spec: its method, path, parameters, body and statuses", () => {
    expect(Object.keys(operationRules).sort()).toEqual(operations().map((op) => op.operationId).sort());
    for (const op of operations()) {
      const rules = rulesOf(op.operationId);
      const parameters = parametersOf(op);
      const named = (location: string) => parameters.filter((p) => p.in === location).map((p) => p.name);
      expect(rules.method).toBe(op.method.toUpperCase());
      expect(rules.path).toBe(op.path);
      // The path parameters in the template's order: the order the method takes them in.
      expect(Object.keys(rules.pathParams)).toEqual([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      expect(Object.keys(rules.pathParams).sort()).toEqual(named("path").sort());
      expect(Object.keys(rules.query.properties)).toEqual(named("query"));
      expect(Object.keys(rules.header.properties)).toEqual(named("header"));
      const body = deref(op.operation.requestBody);
      expect(rules.requestBody).toBe(body === undefined ? "none" : body.required ? "required" : "optional");
      expect(Object.keys(rules.responseBodyTypes)).toEqual(Object.keys(op.operation.responses));
    }
  });

  it("marks the fields the spec gives format: password secret, and those it marks x-single-use single-use", () => {
    const flagged = { secret: 0, singleUse: 0 };
    for (const op of operations()) {
      const body = bodySchema(op.operation);
      for (const [name, schemaOrRef] of Object.entries<any>(body?.properties ?? {})) {
        const schema = deref(schemaOrRef);
        const rule = rulesOf(op.operationId).body.properties[name]!;
        expect("secret" in rule, `${op.operationId} ${name}`).toBe(schema.format === "password");
        expect("singleUse" in rule, `${op.operationId} ${name}`).toBe(schema["x-single-use"] === true);
        if ("secret" in rule) flagged.secret++;
        if ("singleUse" in rule) flagged.singleUse++;
      }
    }
    // Not vacuous: the spec has secret and single-use body fields.
    expect(flagged.secret).toBeGreaterThan(0);
    expect(flagged.singleUse).toBeGreaterThan(0);
  });

  it("gives each response body's JSON type, as the spec's schema says, every error being an array", () => {
    for (const op of operations()) {
      for (const [status, responseOrRef] of Object.entries<any>(op.operation.responses)) {
        const response = deref(responseOrRef);
        const schema = response.content?.["application/json"]?.schema;
        const expected = schema ? (jsonType(deref(schema)) ?? "any") : response.content ? "any" : "none";
        const type = rulesOf(op.operationId).responseBodyTypes[status];
        expect(type, `${op.operationId} ${status}`).toBe(expected);
        if (Number(status) >= 400) expect(type, `${op.operationId} ${status}`).toBe("array");
      }
    }
  });

  it("names the servers, by their x-environment, and the API version of the spec", () => {
    expect(servers).toEqual(
      Object.fromEntries(spec.servers.map((server: any) => [server["x-environment"], server.url])),
    );
    expect(Object.keys(servers).length).toBeGreaterThan(0);
    expect(apiVersion).toBe(spec.info.version);
  });
});
