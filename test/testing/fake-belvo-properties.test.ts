// The fake Belvo under generated request bodies (fast-check, fixed seed: set FC_SEED to replay), over real HTTP.
// The oracle is the spec through Ajv, never the fake's own rules: a body Ajv refuses gets the 400, one it accepts
// never does, and every answer is a documented status whose body validates against the spec.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLAIN_LINK, useFakeBelvo } from "../helpers/fake-belvo.js";
import { requestSchema, responseErrors, validatorFor } from "../helpers/spec-validator.js";

const SEED = Number(process.env.FC_SEED ?? 20261123);
const fake = useFakeBelvo({ record: false });
const acceptsBody = validatorFor(requestSchema("updateLinkCredentials"));
const DOCUMENTED = new Set(["200", "400", "401", "403", "404", "428", "500"]);

/** Mostly body-shaped values around the spec's fields, and now and then any JSON at all. */
const fieldValue = fc.oneof(fc.string(), fc.constant(""), fc.constant(null), fc.integer(), fc.boolean());
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ password: fieldValue, password2: fieldValue, token: fieldValue }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
);

describe("the fake Belvo under generated PUT /api/links/{id}/ bodies", () => {
  it("answers 400 exactly when the spec refuses the body, with documented, spec-valid answers only", async () => {
    const headers = {
      authorization: `Basic ${btoa(`${fake().secretId}:${fake().secretPassword}`)}`,
      "content-type": "application/json",
    };
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const response = await fetch(`${fake().url}/api/links/${PLAIN_LINK}/`, {
          method: "PUT",
          headers,
          body: JSON.stringify(value),
        });
        const status = String(response.status);
        const answer: unknown = await response.json();
        expect(DOCUMENTED.has(status)).toBe(true);
        expect(status === "400").toBe(!acceptsBody(value));
        expect(responseErrors("updateLinkCredentials", status, answer)).toEqual([]);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
