import { describe, expect, it } from "vitest";
import { apiVersion, operationRules, servers, type OperationRules } from "../../generated/operation-rules.js";
import { deref, operations, parametersOf, spec } from "../helpers/spec-validator.js";

describe("generated/operation-rules.ts", () => {
  it("carries the spec's request rules the client checks before sending", () => {
    const patchBody = spec.components.schemas.PatchBody;
    expect(operationRules.completeOwnersRequest.body.required).toEqual(patchBody.required);
    expect(operationRules.completeOwnersRequest.body.properties.session.pattern).toBe(
      patchBody.properties.session.pattern,
    );
    expect(operationRules.updateLinkCredentials.body.required).toEqual(["password"]);
    expect(operationRules.updateLinkCredentials.pathParams).toEqual({ id: { type: "string", format: "uuid" } });
    expect(operationRules.completeOwnersRequest.query).toEqual({
      required: [],
      properties: { omit: { type: "string", minLength: 1 }, fields: { type: "string", minLength: 1 } },
    });
  });

  it("has an entry per operation of the spec: its method, path, parameters, body and statuses", () => {
    expect(Object.keys(operationRules).sort()).toEqual(operations().map((op) => op.operationId).sort());
    for (const op of operations()) {
      const rules = operationRules[op.operationId as keyof typeof operationRules] as OperationRules;
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

  it("marks password fields secret and token fields single-use, as the spec does", () => {
    const flagged = (op: keyof typeof operationRules, flag: string) =>
      Object.entries(operationRules[op].body.properties)
        .filter(([, rule]) => flag in rule)
        .map(([name]) => name);
    expect(flagged("updateLinkCredentials", "secret")).toEqual(["password", "password2", "token"]);
    expect(flagged("updateLinkCredentials", "singleUse")).toEqual(["token"]);
    expect(flagged("completeOwnersRequest", "secret")).toEqual(["token"]);
    expect(flagged("completeOwnersRequest", "singleUse")).toEqual(["token"]);
  });

  it("gives each response body's JSON type, every error being an array", () => {
    expect(operationRules.updateLinkCredentials.responseBodyTypes["200"]).toBe("object");
    expect(operationRules.completeOwnersRequest.responseBodyTypes["201"]).toBe("array");
    for (const rules of Object.values<OperationRules>(operationRules)) {
      for (const [status, type] of Object.entries(rules.responseBodyTypes))
        if (Number(status) >= 400) expect(type).toBe("array");
    }
  });

  it("names the servers and the API version of the spec", () => {
    expect(servers).toEqual({ sandbox: "https://sandbox.belvo.com", production: "https://api.belvo.com" });
    expect(apiVersion).toBe(spec.info.version);
  });
});
