// Type-level tests of the public surface: exact result types, narrowing guards, and compile errors for misuse.
import { describe, expectTypeOf, it } from "vitest";
import type {
  BelvoError,
  Link,
  LinksPutRequest,
  Owner,
  PatchBody,
  TokenGenerationData,
  TokenRequiredError,
} from "../../generated/schema.js";
import {
  hasErrorCode,
  isNotFound,
  parseTokenChallenge,
  isTokenRequired,
  tokenChallenge,
  unwrap,
  type BelvoClient,
  type BelvoClientOptions,
  ErrorCode,
  type BelvoResult,
  type CallOptions,
  type ErrorBody,
  type OperationId,
  type OperationMethods,
  type OwnersCallOptions,
  type RetryEvent,
  type RetryOptions,
  type TokenChallenge,
} from "../../src/index.js";
import type { DocumentedCode } from "../../src/operation-types.js";

declare const belvo: BelvoClient;
const linkId = "30cb4806-6e00-48a4-91c9-ca55968576c8";

describe("client types", () => {
  it("gives a method per operation of the spec, the two MFA operations' signatures as they were", () => {
    expectTypeOf<keyof OperationMethods>().toEqualTypeOf<OperationId>();
    expectTypeOf<Parameters<BelvoClient["updateLinkCredentials"]>>().toEqualTypeOf<
      [id: string, body: LinksPutRequest, options?: CallOptions]
    >();
    expectTypeOf<Parameters<BelvoClient["completeOwnersRequest"]>>().toEqualTypeOf<
      [body: PatchBody, options?: OwnersCallOptions]
    >();
    expectTypeOf<ReturnType<BelvoClient["completeOwnersRequest"]>>().toEqualTypeOf<
      Promise<BelvoResult<"completeOwnersRequest">>
    >();
    // One result type per operation of a union, so that tokenChallenge takes any operation's result.
    expectTypeOf<BelvoResult<"updateLinkCredentials">>().toMatchTypeOf<BelvoResult<OperationId>>();
  });

  it("types data from the 2xx body and error as the operation's error list", async () => {
    const link = await belvo.updateLinkCredentials(linkId, { password: "p" });
    if (link.ok) expectTypeOf(link.data).toEqualTypeOf<Link>();
    else expectTypeOf(link.error[0]).toEqualTypeOf<BelvoError | TokenRequiredError | undefined>();
    expectTypeOf(unwrap(link)).toEqualTypeOf<Link>();

    const owners = await belvo.completeOwnersRequest({ session: "s", link: linkId, save_data: false });
    expectTypeOf(unwrap(owners)).toEqualTypeOf<Owner[]>();
    expectTypeOf(owners.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(owners.request).toEqualTypeOf<string>();
  });

  it("narrows with the guards", async () => {
    const result = await belvo.updateLinkCredentials(linkId, { password: "p" });
    if (isTokenRequired(result.error)) {
      expectTypeOf(result.error[0]!.session).toEqualTypeOf<string | undefined>();
      expectTypeOf(result.error[0]!.token_generation_data).toEqualTypeOf<TokenGenerationData | undefined>();
    }
    if (isNotFound(result.error)) expectTypeOf(result.error[0]!.code).toEqualTypeOf<string | undefined>();
    if (!result.ok && !isTokenRequired(result.error)) {
      // the other branch keeps the error list (not never: every list is structurally a token-required list)
      expectTypeOf(result.error).toEqualTypeOf<ErrorBody<"updateLinkCredentials">>();
      if (!hasErrorCode(result.error, "not_found")) expectTypeOf(result.error.length).toEqualTypeOf<number>();
    }
    expectTypeOf(tokenChallenge(result)).toEqualTypeOf<TokenChallenge | undefined>();
  });

  it("suggests the operation's own codes in hasErrorCode, and accepts any string", () => {
    type LinkCodeParam = Parameters<typeof hasErrorCode<ErrorBody<"updateLinkCredentials">>>[1];
    type OwnerCodeParam = Parameters<typeof hasErrorCode<ErrorBody<"completeOwnersRequest">>>[1];
    expectTypeOf<Extract<LinkCodeParam, ErrorCode>>().toEqualTypeOf<DocumentedCode<"updateLinkCredentials">>();
    expectTypeOf<"request_timeout" extends Extract<LinkCodeParam, ErrorCode> ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<"request_timeout" extends Extract<OwnerCodeParam, ErrorCode> ? true : false>().toEqualTypeOf<true>();
    expectTypeOf<"a_code_from_next_year">().toMatchTypeOf<LinkCodeParam>();
    expectTypeOf<Extract<Parameters<typeof hasErrorCode<unknown>>[1], ErrorCode>>().toEqualTypeOf<ErrorCode>();
  });

  it("makes ErrorCode a value and a type", () => {
    expectTypeOf(ErrorCode.token_required).toEqualTypeOf<"token_required">();
    expectTypeOf<ErrorCode>().toEqualTypeOf<(typeof ErrorCode)[keyof typeof ErrorCode]>();
    expectTypeOf<"token_required">().toMatchTypeOf<ErrorCode>();
    // @ts-expect-error not a documented code
    const wrong: ErrorCode = "tokenRequired";
    void wrong;
  });

  it("makes a missing password or link, or a camelCase field, a compile error", () => {
    // @ts-expect-error password is required
    void belvo.updateLinkCredentials(linkId, { token: "123456" });
    // @ts-expect-error the path parameter comes first
    void belvo.updateLinkCredentials({ password: "p" });
    // @ts-expect-error a JSON body and no more than the call options
    void belvo.updateLinkCredentials(linkId, { password: "p" }, {}, {});
    // @ts-expect-error link is required
    void belvo.completeOwnersRequest({ session: "2675b703b9d4451f8d4861a3eee54449" });
    // @ts-expect-error the spec's name is save_data
    void belvo.completeOwnersRequest({ session: "s", link: linkId, saveData: true });
    // @ts-expect-error query parameters go in `query`, apart from the call options
    void belvo.completeOwnersRequest({ session: "s", link: linkId }, { fields: "id" });
    // @ts-expect-error session, link and token come from the challenge and the token argument
    void belvo.resumeOwnersRequest({} as TokenChallenge, "123456", { session: "s", save_data: true });
    // @ts-expect-error save_data is required: left out, Belvo saves the owners
    void belvo.resumeOwnersRequest({} as TokenChallenge, "123456", {});
    // @ts-expect-error the same, with no body at all
    void belvo.resumeOwnersRequest({} as TokenChallenge, "123456");
    // @ts-expect-error the token is the second argument, not part of the credentials
    void belvo.resumeLinkUpdate({} as TokenChallenge, "123456", { password: "p", token: "123456" });
  });

  it("keeps a challenge's type true after a JSON round trip, so a stored one resumes", async () => {
    // What JSON.stringify then JSON.parse give back, as a type: toJSON() applied, undefined properties dropped.
    type Json<T> = T extends { toJSON(): infer R }
      ? Json<R>
      : T extends string | number | boolean | null
        ? T
        : T extends readonly (infer Item)[]
          ? Json<Item>[]
          : T extends object
            ? { [K in keyof T]: Json<Exclude<T[K], undefined>> }
            : never;
    expectTypeOf<Json<TokenChallenge>>().toEqualTypeOf<TokenChallenge>();
    // The type would catch a Date in it, which comes back a string.
    expectTypeOf<Json<{ expiresAt: Date }>>().toEqualTypeOf<{ expiresAt: string }>();

    const stored: string = JSON.stringify(tokenChallenge({} as BelvoResult<"updateLinkCredentials">));
    const challenge = parseTokenChallenge(JSON.parse(stored));
    expectTypeOf(challenge).toEqualTypeOf<TokenChallenge>();
    expectTypeOf(challenge.expiresAt).toEqualTypeOf<string | undefined>();
    expectTypeOf(await belvo.resumeOwnersRequest(challenge, "123456", { save_data: true })).toEqualTypeOf<
      BelvoResult<"completeOwnersRequest">
    >();
    expectTypeOf(parseTokenChallenge).parameter(0).toBeUnknown();
  });

  it("types the retry option and what onRetry receives, as exported", () => {
    expectTypeOf<Exclude<BelvoClientOptions["retry"], false | undefined>>().toEqualTypeOf<RetryOptions>();
    expectTypeOf<Parameters<NonNullable<RetryOptions["onRetry"]>>[0]>().toEqualTypeOf<RetryEvent>();
    expectTypeOf<RetryEvent>().toEqualTypeOf<{
      request: string;
      attempt: number;
      delayMs: number;
      status: number | undefined;
    }>();
    // @ts-expect-error a misspelt retry option
    void ({ retires: 2 } satisfies RetryOptions);
  });
});
