// What a fake Belvo is made with and what it records: shared by its core and its three adapters (socket, fetch, msw).
import type { FakeLinkSeed } from "./fake-state.js";

export interface FakeFault {
  /** Which requests it applies to (default: any). */
  match?: { method?: string; path?: string };
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** Wait this long before answering (then answer normally, unless a status or drop is given too). */
  delayMs?: number;
  /** Close the connection with no response, or after the headers and half the body. */
  drop?: "before-response" | "mid-body";
  /** Answer with this status instead of the normal answer. */
  status?: number;
  /** The body for `status`: a string is sent as is (HTML, broken JSON), anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedExchange {
  method: string;
  path: string;
  /** The query string as sent, the values of secret and single-use parameters replaced by `[REDACTED]`. */
  query: string;
  /** Names of the JSON body's fields (never their values: those hold passwords and tokens). */
  bodyFields: string[];
  /** The body carried a field the spec marks `x-single-use` (an MFA token). */
  tokenSent: boolean;
  userAgent: string | undefined;
  /** The request's X-Correlation-Id header, for tests that match requests to answers. */
  correlationId: string | undefined;
  /** True when an injected fault shaped the answer. */
  faulted: boolean;
  status: number | "dropped";
  /** The parsed JSON this server answered (for spec validation in tests). */
  responseBody: unknown;
}

export interface FakeBelvoOptions {
  secretId?: string;
  secretPassword?: string;
  links?: FakeLinkSeed[];
  /** The `expiry` of the sessions its 428s open. Default 600. */
  sessionTtlSeconds?: number;
  /** Keep `exchanges` (default true); turn off for load runs, which then record nothing at all. */
  record?: boolean;
  /**
   * How many exchanges `exchanges` keeps: the newest, the oldest dropped as new ones come (default 1000, so that a
   * fake left running stays flat in memory). `Infinity` keeps them all; a negative or fractional number throws.
   */
  maxExchanges?: number;
  /** Sessions accept their token once, as Belvo's do (default true); false lets a benchmark resume one repeatedly. */
  singleUseSessions?: boolean;
  /**
   * The fake's clock (default: the real one). Give a function you control to test session expiry without
   * waiting: a 428's session expires `sessionTtlSeconds` after the time it returned when the session opened.
   */
  now?: () => Date;
}

export const DEFAULT_MAX_EXCHANGES = 1000;

export const DEFAULT_FAKE_LINKS: readonly FakeLinkSeed[] = [
  {
    id: "30cb4806-6e00-48a4-91c9-ca55968576c8",
    institution: "erebor_mx_retail",
    owners: "standard",
    mfa: { token: "482913" },
  },
  {
    id: "5a1e9c7d-2b3f-4c8e-9d6a-7b8c9d0e1f2a",
    institution: "ofmockbank_br_retail",
    owners: "individual-brazil",
    mfa: { token: "device-approval", expectsUserInput: false },
  },
  { id: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", institution: "ofmockbank_br_business", owners: "business-brazil" },
];
