// Type-level tests on the types openapi-typescript generated from the spec.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../../generated/schema.js";

type Schemas = components["schemas"];
type Owners = operations["completeOwnersRequest"];
type Links = operations["updateLinkCredentials"];
type Json<R> = R extends { content: { "application/json": infer Body } } ? Body : never;
type OwnersResponse<S extends keyof Owners["responses"]> = Json<Owners["responses"][S]>;
type LinksResponse<S extends keyof Links["responses"]> = Json<Links["responses"][S]>;
type Owner =
  Schemas["OwnerStandard"] | Schemas["OwnerIndividualOpenFinanceBrazil"] | Schemas["OwnerBusinessOpenFinanceBrazil"];

describe("generated/schema.ts", () => {
  it("types the owners 200 and 201 bodies as arrays of the three-shape owner union", () => {
    expectTypeOf<OwnersResponse<201>>().toEqualTypeOf<Owner[]>();
    expectTypeOf<OwnersResponse<200>>().toEqualTypeOf<Owner[]>();
    expectTypeOf<Schemas["Owner"]>().toEqualTypeOf<Owner>();
  });

  it("types the links 200 body as Link", () => {
    expectTypeOf<LinksResponse<200>>().toEqualTypeOf<Schemas["Link"]>();
    expectTypeOf<Schemas["Link"]["status"]>().toEqualTypeOf<
      "valid" | "invalid" | "unconfirmed" | "token_required" | undefined
    >();
    expectTypeOf<Schemas["Link"]["access_mode"]>().toEqualTypeOf<"single" | "recurrent" | null | undefined>();
  });

  it("types every error response as an array of the error object", () => {
    type Error = Schemas["BelvoError"];
    expectTypeOf<OwnersResponse<400>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<401>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<403>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<404>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<408>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<500>>().toEqualTypeOf<Error[]>();
    expectTypeOf<LinksResponse<400>>().toEqualTypeOf<Error[]>();
    expectTypeOf<LinksResponse<401>>().toEqualTypeOf<Error[]>();
    expectTypeOf<LinksResponse<403>>().toEqualTypeOf<Error[]>();
    expectTypeOf<LinksResponse<404>>().toEqualTypeOf<Error[]>();
    expectTypeOf<LinksResponse<500>>().toEqualTypeOf<Error[]>();
    expectTypeOf<OwnersResponse<428>>().toEqualTypeOf<Schemas["TokenRequiredError"][]>();
    expectTypeOf<LinksResponse<428>>().toEqualTypeOf<Schemas["TokenRequiredError"][]>();
  });

  it("has no 408 for links: Belvo documents none", () => {
    expectTypeOf<keyof Links["responses"]>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 428 | 500>();
    expectTypeOf<keyof Owners["responses"]>().toEqualTypeOf<200 | 201 | 400 | 401 | 403 | 404 | 408 | 428 | 500>();
  });

  it("gives error objects only optional fields: the live API guarantees none", () => {
    expectTypeOf<Schemas["BelvoError"]>().toEqualTypeOf<{
      code?: string;
      message?: string;
      request_id?: string;
      field?: string | null;
    }>();
  });

  it("carries session, expiry, link and the generation data in the 428 body", () => {
    type Challenge = Schemas["TokenRequiredError"];
    expectTypeOf<Challenge["session"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Challenge["expiry"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Challenge["link"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<Challenge["token_generation_data"]>["expects_user_input"]>().toEqualTypeOf<
      boolean | undefined
    >();
  });

  it("requires password in the PUT body, and session and link in the PATCH body", () => {
    type PutBody = Json<NonNullable<Links["requestBody"]>>;
    type PatchBody = Json<NonNullable<Owners["requestBody"]>>;
    expectTypeOf<PutBody>().toEqualTypeOf<{ password: string; password2?: string; token?: string }>();
    expectTypeOf<PatchBody>().toEqualTypeOf<{ session: string; token?: string; link: string; save_data?: boolean }>();
    // @ts-expect-error password is required
    const missingPassword: PutBody = { token: "1234ab" };
    // @ts-expect-error link is required
    const missingLink: PatchBody = { session: "2675b703b9d4451f8d4861a3eee54449" };
    void missingPassword;
    void missingLink;
  });

  it("types the owners query and the link id path parameter", () => {
    expectTypeOf<Owners["parameters"]["query"]>().toEqualTypeOf<{ omit?: string; fields?: string } | undefined>();
    expectTypeOf<paths["/api/links/{id}/"]["parameters"]["path"]>().toEqualTypeOf<{ id: string }>();
  });

  it("keeps nullability exact in the Brazil owner shapes", () => {
    type Individual = Schemas["OwnerIndividualOpenFinanceBrazil"];
    expectTypeOf<Individual["display_name"]>().toEqualTypeOf<string>();
    expectTypeOf<Individual["social_name"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Individual["gender"]>().toEqualTypeOf<"FEMALE" | "MALE" | "OTHER" | null>();
    expectTypeOf<Individual["financial_profile"]>().toEqualTypeOf<Schemas["OwnerIndividualFinancialProfile"] | null>();
    expectTypeOf<Schemas["OwnerBusinessOpenFinanceBrazil"]["company_name"]>().toEqualTypeOf<string>();
  });
});
