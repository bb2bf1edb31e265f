// Every example in the spec is valid against its schema: checked with Ajv here, independently of Redocly's rule.
import { describe, expect, it } from "vitest";
import { ajvMessages, deref, operations, parametersOf, spec, validatorFor } from "../helpers/spec-validator.js";

interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

function mediaTypeExamples(where: string, mediaType: any): ExampleCase[] {
  return Object.entries(mediaType.examples ?? {}).map(([name, example]) => ({
    where: `${where} example "${name}"`,
    schema: mediaType.schema,
    value: deref(example).value,
  }));
}

function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const { method, path, operation } of operations()) {
    const at = `${method.toUpperCase()} ${path}`;
    const requestMedia = deref(operation.requestBody)?.content?.["application/json"];
    if (requestMedia) cases.push(...mediaTypeExamples(`${at} request`, requestMedia));
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = deref(response).content?.["application/json"];
      if (media) cases.push(...mediaTypeExamples(`${at} ${status}`, media));
    }
    for (const parameter of parametersOf({ method, path, operationId: operation.operationId, operation })) {
      cases.push({ where: `${at} parameter ${parameter.name}`, schema: parameter.schema, value: parameter.example });
    }
  }
  for (const [name, schema] of Object.entries<any>(spec.components.schemas)) {
    for (const [property, propertySchema] of Object.entries<any>(schema.properties ?? {})) {
      if ("example" in propertySchema) {
        cases.push({
          where: `schema ${name}.${property} example`,
          schema: propertySchema,
          value: propertySchema.example,
        });
      }
    }
  }
  return cases;
}

const cases = collectExamples();

describe("spec examples", () => {
  it("are present for every request body, every response body and every parameter of every operation", () => {
    for (const op of operations()) {
      const { operationId, operation } = op;
      if (operation.requestBody) {
        const examples = deref(operation.requestBody).content["application/json"].examples;
        expect(Object.keys(examples ?? {}), `${operationId} request`).not.toEqual([]);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = deref(response).content?.["application/json"];
        if (media) expect(Object.keys(media.examples ?? {}), `${operationId} ${status}`).not.toEqual([]);
      }
      for (const parameter of parametersOf(op))
        expect(parameter, `${operationId} ${parameter.name}`).toHaveProperty("example");
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s validates against its schema", (_where, { schema, value }) => {
    const validate = validatorFor(schema);
    expect(validate(value) ? [] : ajvMessages(validate)).toEqual([]);
  });

  it("has error examples whose codes are documented for their status", () => {
    for (const { operationId, operation } of operations()) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        const resolved = deref(response);
        if (!resolved["x-error-codes"]) continue;
        for (const example of Object.values(resolved.content["application/json"].examples)) {
          for (const error of deref(example).value) {
            expect(resolved["x-error-codes"], `${operationId} ${status}`).toContain(error.code);
          }
        }
      }
    }
  });

  it("has a 428 example whose session and link are the ones the resume example sends", () => {
    const tokenRequired = deref(spec.components.responses.TokenRequired).content["application/json"].examples;
    const [challenge] = deref(tokenRequired.tokenRequired).value;
    const resume = deref(
      spec.paths["/api/owners/"].patch.requestBody.content["application/json"].examples.resumeWithToken,
    ).value;
    expect({ session: resume.session, link: resume.link }).toEqual({
      session: challenge.session,
      link: challenge.link,
    });
  });

  it("rejects what the live API rejects, so the validation itself is live", () => {
    const patchBody = spec.components.schemas.PatchBody;
    expect(
      validatorFor(patchBody)({
        session: "2675B703B9D4451F8D4861A3EEE54449",
        link: "30cb4806-6e00-48a4-91c9-ca55968576c8",
      }),
    ).toBe(false);
    expect(validatorFor(patchBody)({ session: "2675b703b9d4451f8d4861a3eee54449" })).toBe(false);
    expect(validatorFor(spec.components.schemas.LinksPutRequest)({ token: "1234ab" })).toBe(false);
    expect(validatorFor(spec.components.schemas.LinksPutRequest)({ password: "" })).toBe(false);
  });
});
