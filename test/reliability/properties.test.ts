// Property tests (fast-check, 1000 runs each, fixed seed: set FC_SEED to replay; fast-check prints seed and path
// on failure). Oracles come from the spec through Ajv, never from the code under test.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentedErrorCodes } from "../../generated/error-codes.js";
import {
  BelvoApiError,
  createBelvoClient,
  hasErrorCode,
  isBelvoClientError,
  tokenChallenge,
  unwrap,
  type RetryEvent,
} from "../../src/index.js";
import { callWithExamples, operationIds } from "../helpers/operation-examples.js";
import { GUARD_CODES } from "../helpers/guard-codes.js";
import { spec, validatorFor } from "../helpers/spec-validator.js";

const SEED = Number(process.env.FC_SEED ?? 20261122);
const RUNS = { numRuns: 1000, seed: SEED };
const LINK = "30cb4806-6e00-48a4-91c9-ca55968576c8";

const knownCodes = [
  ...new Set(Object.values(documentedErrorCodes).flatMap((byStatus) => Object.values(byStatus).flat())),
];
const code = fc.oneof(fc.constantFrom(...knownCodes), fc.string());
const errorItem = fc.record({ code, message: fc.string(), request_id: fc.string() }, { requiredKeys: [] });
const challengeItem = fc.record(
  {
    code: fc.constantFrom("token_required", "other"),
    session: fc.oneof(fc.string(), fc.integer()),
    link: fc.oneof(fc.uuid(), fc.constant(null)),
    expiry: fc.oneof(fc.integer(), fc.double(), fc.string()),
  },
  { requiredKeys: [] },
);
/** Mostly error-list-like values, plus any JSON and any JavaScript value at all. */
const anyError = fc.oneof(fc.array(fc.oneof(errorItem, challengeItem, fc.jsonValue())), fc.jsonValue(), fc.anything());

const hasCode = (value: unknown, wanted: string) =>
  Array.isArray(value) &&
  value.some((item) => typeof item === "object" && item !== null && (item as { code?: unknown }).code === wanted);

describe("guards and tokenChallenge on arbitrary values", () => {
  it("never throw, and are true only for values that really carry the code", () => {
    fc.assert(
      fc.property(anyError, code, (value, wanted) => {
        for (const [guard, guardCode] of GUARD_CODES) expect(guard(value)).toBe(hasCode(value, guardCode));
        expect(hasErrorCode(value, wanted)).toBe(hasCode(value, wanted));
      }),
      RUNS,
    );
  });

  it("tokenChallenge never throws, and gives a challenge only for a 428 carrying token_required, a session and a link", () => {
    const result = fc.record({
      operation: fc.constantFrom("completeOwnersRequest", "updateLinkCredentials"),
      response: fc.record({ status: fc.constantFrom(200, 400, 428) }),
      receivedAt: fc.integer({ min: 0, max: 2 ** 42 }),
      error: anyError,
    });
    fc.assert(
      fc.property(fc.oneof(result, fc.anything()), (value: any) => {
        const challenge = tokenChallenge(value);
        const expected =
          value?.response?.status === 428 &&
          hasCode(value.error, "token_required") &&
          value.error.some((item: any) => typeof item?.session === "string" && typeof item?.link === "string");
        expect(challenge !== undefined).toBe(Boolean(expected));
      }),
      RUNS,
    );
  });
});

/** A client whose fetch records what would reach the wire and answers like Belvo would. */
function recordingClient(answer: () => Response = () => Response.json({ id: LINK }, { status: 200 })) {
  const sent: URL[] = [];
  const fetch = async (input: string | URL | Request) => {
    sent.push(new URL(String(input)));
    return answer();
  };
  const belvo = createBelvoClient({
    secretId: "id",
    secretPassword: "pw",
    baseUrl: "https://belvo.test",
    retry: false,
    fetch: fetch as typeof globalThis.fetch,
  });
  return { belvo, sent };
}

const accepted = (schema: unknown, value: unknown) => validatorFor(schema)(value);
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });

describe("input checks on arbitrary values", () => {
  const linkIdSchema = spec.components.parameters.linkId.schema;
  const putBody = spec.components.schemas.LinksPutRequest;
  const patchBody = spec.components.schemas.PatchBody;

  it("accept a link id exactly when the spec does, and an accepted id reaches only /api/links/<id>/", async () => {
    const linkId = fc.oneof(
      fc.uuid(),
      fc.uuid().map((u) => u.toUpperCase()),
      fc.uuid().chain((u) => fc.string().map((s) => u + s)),
      fc.string(),
      fc.string({ unit: "binary" }),
    );
    await fc.assert(
      fc.asyncProperty(linkId, async (id) => {
        const { belvo, sent } = recordingClient();
        const call = belvo.updateLinkCredentials(id, { password: "p" });
        if (!accepted(linkIdSchema, id)) {
          await expect(call).rejects.toMatchObject({ name: "BelvoInputError", field: "id" });
          expect(sent).toEqual([]);
          return;
        }
        await call;
        expect(sent).toHaveLength(1);
        expect(sent[0]!.pathname).toBe(`/api/links/${id}/`);
        expect(sent[0]!.search).toBe("");
        expect(decodeURIComponent(sent[0]!.pathname.split("/")[3]!)).toBe(id);
      }),
      RUNS,
    );
  });

  it("accept passwords and tokens exactly when the spec does, sending nothing otherwise", async () => {
    const text = fc.oneof(fc.constant(""), fc.string(), fc.string({ unit: "binary" }), fc.anything());
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.option(text, { nil: undefined }),
        fc.option(text, { nil: undefined }),
        async (password, password2, token) => {
          const body = Object.fromEntries(
            Object.entries({ password, password2, token }).filter(([, v]) => v !== undefined),
          );
          const { belvo, sent } = recordingClient();
          const call = belvo.updateLinkCredentials(LINK, body as never);
          if (accepted(putBody, body)) {
            expect((await call).ok).toBe(true);
            expect(sent).toHaveLength(1);
          } else {
            await expect(call).rejects.toMatchObject({ name: "BelvoInputError" });
            expect(sent).toEqual([]);
          }
        },
      ),
      RUNS,
    );
  });

  it("accept a session exactly when the spec does, sending nothing otherwise", async () => {
    const session = fc.oneof(
      hex(32),
      hex(31),
      hex(33),
      hex(32).map((s) => s.toUpperCase()),
      hex(32).map((s) => ` ${s}`),
      fc.string(),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(session, fc.option(fc.boolean(), { nil: undefined }), async (value, saveData) => {
        const { belvo, sent } = recordingClient(() => Response.json([], { status: 201 }));
        const call = belvo.completeOwnersRequest({
          session: value as string,
          link: LINK,
          token: "1",
          save_data: saveData,
        });
        const body = Object.fromEntries(
          Object.entries({ session: value, link: LINK, token: "1", save_data: saveData }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        if (accepted(patchBody, body)) {
          expect((await call).response.status).toBe(201);
          expect(sent).toHaveLength(1);
        } else {
          await expect(call).rejects.toMatchObject({ name: "BelvoInputError" });
          expect(sent).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});

describe("any response to any operation", () => {
  const contentType = fc.constantFrom(
    "application/json",
    "text/html; charset=utf-8",
    "text/plain",
    "",
    "application/problem+json",
  );
  const bodyText = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.constantFrom("null", "true", "42", '"oops"', "", "   ", "[", '{"code":', "<html>502 Bad Gateway</html>"),
    fc.array(errorItem).map((items) => JSON.stringify(items)),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => new TextDecoder().decode(bytes)),
    fc.string(),
  );

  it("is a result whose error is an array, or a BelvoClientError; guards, tokenChallenge and unwrap never throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operationIds),
        fc.integer({ min: 200, max: 599 }),
        bodyText,
        contentType,
        async (operationId, status, text, type) => {
          const empty = [204, 205, 304].includes(status); // statuses a Response cannot carry a body with
          const answer = () =>
            new Response(empty ? null : text, { status, headers: type ? { "content-type": type } : {} });
          const { belvo } = recordingClient(answer);
          let result;
          try {
            result = await callWithExamples(belvo, operationId);
          } catch (error) {
            expect(isBelvoClientError(error), String(error)).toBe(true);
            expect((error as Error).message).toContain(String(status));
            return;
          }
          expect(result.response.status).toBe(status);
          if (!result.ok) expect(Array.isArray(result.error)).toBe(true);
          for (const [guard] of GUARD_CODES) guard(result.error);
          hasErrorCode(result.error, "token_required");
          tokenChallenge(result);
          try {
            unwrap(result);
          } catch (error) {
            expect(error).toBeInstanceOf(BelvoApiError);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("secrets under random values", () => {
  const secret = fc.string({
    unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
    minLength: 16,
    maxLength: 32,
  });
  const failure = fc.constantFrom("input", "401", "network", "timeout", "html", "retried-503");

  it("never appear in any error, retry event, inspection or serialization of a failing call", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        secret,
        secret,
        failure,
        async (secretId, secretPassword, password, token, kind) => {
          const events: RetryEvent[] = [];
          const fetch = async (_input: unknown, init: RequestInit): Promise<Response> => {
            if (kind === "network") throw new TypeError("fetch failed");
            if (kind === "timeout")
              return new Promise((_, reject) =>
                init.signal!.addEventListener("abort", () => reject(init.signal!.reason)),
              );
            if (kind === "html") return new Response("<html>502</html>", { status: 502 });
            if (kind === "retried-503") return new Response("", { status: 503 });
            return Response.json([{ code: "authentication_failed", message: "Invalid API credentials" }], {
              status: 401,
            });
          };
          const belvo = createBelvoClient({
            secretId,
            secretPassword,
            baseUrl: "https://belvo.test",
            timeoutMs: kind === "timeout" ? 1 : 5, // the timeout row waits it out three times, 170 runs over
            retry: { initialDelayMs: 0, onRetry: (event) => events.push(event) },
            fetch: fetch as typeof globalThis.fetch,
          });
          let thrown: unknown;
          try {
            const linkId = kind === "input" ? `${password}-${token}` : LINK;
            // A token on the 503 path would block the retry this row wants to observe.
            unwrap(
              await belvo.updateLinkCredentials(linkId, kind === "retried-503" ? { password } : { password, token }),
            );
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeDefined();
          const texts = [
            String(thrown),
            inspect(thrown, { depth: Infinity, showHidden: true }),
            JSON.stringify(thrown),
            JSON.stringify(events),
            inspect(belvo, { depth: Infinity }),
          ];
          for (const text of texts)
            for (const value of [secretId, secretPassword, password, token, btoa(`${secretId}:${secretPassword}`)])
              expect(text).not.toContain(value);
        },
      ),
      { ...RUNS },
    );
  });
});
