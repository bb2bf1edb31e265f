import { describe, expect, it } from "vitest";
import { apiVersion, operationRules, servers } from "../../generated/operation-rules.js";
import { spec } from "../helpers/spec-validator.js";

describe("generated/operation-rules.ts", () => {
  it("carries the spec's request rules the client checks before sending", () => {
    const patchBody = spec.components.schemas.PatchBody;
    expect(operationRules.completeOwnersRequest.body.required).toEqual(patchBody.required);
    expect(operationRules.completeOwnersRequest.body.properties.session.pattern).toBe(
      patchBody.properties.session.pattern,
    );
    expect(operationRules.updateLinkCredentials.body.required).toEqual(["password"]);
    expect(operationRules.updateLinkCredentials.pathParams).toEqual({ id: { type: "string", format: "uuid" } });
    expect(Object.keys(operationRules.completeOwnersRequest.query)).toEqual(["omit", "fields"]);
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
    for (const rules of Object.values(operationRules)) {
      for (const [status, type] of Object.entries(rules.responseBodyTypes))
        if (Number(status) >= 400) expect(type).toBe("array");
    }
  });

  it("names the servers and the API version of the spec", () => {
    expect(servers).toEqual({ sandbox: "https://sandbox.belvo.com", production: "https://api.belvo.com" });
    expect(apiVersion).toBe(spec.info.version);
  });
});
