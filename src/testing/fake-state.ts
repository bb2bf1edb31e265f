// What the fake Belvo remembers: links, and the MFA sessions its 428s opened. Pure logic, no HTTP.
import type { OperationId } from "../operation-types.js";
import { linkBody, errorBody, ownersFor, randomHex, type OwnerShape } from "./fixtures.js";

export interface FakeLinkSeed {
  id: string;
  institution: string;
  owners: OwnerShape;
  /** Present when the institution asks for an MFA token. */
  mfa?: { token: string; expectsUserInput?: boolean };
}

interface Session {
  id: string;
  linkId: string;
  expiresAt: number;
  used: boolean;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request to an operation that keeps state, checked against the spec's rules already. */
export interface StatefulRequest {
  requestId: string;
  /** Decoded. */
  pathParams: Readonly<Record<string, string>>;
  body: Record<string, unknown>;
  now: Date;
}

/** An operation whose answers depend on the MFA state; every other operation answers its spec example. */
export interface StatefulOperation {
  /** False for a resource that does not exist: a 404 before the body is looked at, as Belvo does. */
  exists?(pathParams: Readonly<Record<string, string>>): boolean;
  answer(request: StatefulRequest): Reply;
}

/**
 * How many MFA sessions it remembers: the most recently opened or resumed. Every 428 opens one and a benchmark's
 * never close, so without a bound memory would grow with every request; a session dropped answers as an expired one
 * does. Resuming one makes it the newest, so a benchmark's reusable session (singleUseSessions: false) stays.
 */
export const MAX_SESSIONS = 10_000;

export class FakeState {
  private readonly links: Map<string, FakeLinkSeed>;
  /** Least recently opened or resumed first (a Map keeps insertion order). */
  private readonly sessions = new Map<string, Session>();

  constructor(
    seeds: readonly FakeLinkSeed[],
    private readonly sessionTtlSeconds: number,
    private readonly singleUseSessions: boolean,
  ) {
    this.links = new Map(seeds.map((seed) => [seed.id, seed]));
  }

  /** The two operations of the MFA flow: a link update that may answer 428, and the owners request it resumes. */
  readonly operations: Partial<Record<OperationId, StatefulOperation>> = {
    updateLinkCredentials: {
      exists: ({ id }) => this.links.has(id!),
      answer: ({ requestId, pathParams, body, now }) => this.updateLink(requestId, pathParams.id!, body, now),
    },
    completeOwnersRequest: {
      answer: ({ requestId, body, now }) => this.completeOwners(requestId, body, now),
    },
  };

  expireSessions(): void {
    for (const session of this.sessions.values()) session.expiresAt = 0;
  }

  private updateLink(requestId: string, linkId: string, body: Record<string, unknown>, now: Date): Reply {
    const link = this.links.get(linkId)!;
    if (link.mfa) {
      const pending = this.pendingSession(linkId, now);
      const mfa = link.mfa;
      if (body.token === undefined && !(pending && mfa.expectsUserInput === false))
        return this.openSession(requestId, link, now);
      const refused = this.consume(requestId, pending, mfa, body.token);
      if (refused) return refused;
    }
    return { status: 200, body: linkBody(linkId, link.institution, now) };
  }

  private completeOwners(requestId: string, body: Record<string, unknown>, now: Date): Reply {
    const link = this.links.get(String(body.link));
    if (!link) return { status: 404, body: errorBody(requestId, "not_found", "Not found") };
    const session = this.sessions.get(String(body.session));
    if (session && session.linkId !== link.id) {
      return { status: 400, body: errorBody(requestId, "invalid", "The session belongs to another link", "link") };
    }
    const open = session && this.isOpen(session, now) ? session : undefined;
    const refused = this.consume(requestId, open, link.mfa, body.token);
    if (refused) return refused;
    return { status: body.save_data === false ? 200 : 201, body: ownersFor(link.id, link.owners, now) };
  }

  private openSession(requestId: string, link: FakeLinkSeed, now: Date): Reply {
    const session: Session = {
      id: randomHex(16),
      linkId: link.id,
      expiresAt: now.getTime() + this.sessionTtlSeconds * 1000,
      used: false,
    };
    this.sessions.set(session.id, session);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const expectsUserInput = link.mfa?.expectsUserInput !== false;
    const body = [
      {
        code: "token_required",
        message: "A MFA token is required by the institution to login",
        request_id: requestId,
        session: session.id,
        expiry: this.sessionTtlSeconds,
        link: link.id,
        token_generation_data: expectsUserInput
          ? {
              instructions: "Enter the code your bank's app shows",
              type: "numeric",
              value: randomDigits(6),
              expects_user_input: true,
            }
          : {
              instructions: "Approve the login in your bank's app",
              type: "approval",
              value: "",
              expects_user_input: false,
            },
      },
    ];
    return { status: 428, body };
  }

  /** Accepts the right token (or the device confirmation) once; refuses everything else. */
  private consume(
    requestId: string,
    session: Session | undefined,
    mfa: FakeLinkSeed["mfa"],
    token: unknown,
  ): Reply | undefined {
    if (!session)
      return {
        status: 400,
        body: errorBody(requestId, "session_expired", "The session you are trying to resume has expired"),
      };
    if (mfa && (mfa.expectsUserInput !== false || token !== undefined)) {
      if (token === undefined)
        return { status: 400, body: errorBody(requestId, "required", "This field is required.", "token") };
      if (token !== mfa.token)
        return { status: 400, body: errorBody(requestId, "login_error", "The MFA token was incorrect") };
    }
    session.used = this.singleUseSessions;
    // Now the most recently used: the bound drops the least recently used first.
    this.sessions.delete(session.id);
    this.sessions.set(session.id, session);
    return undefined;
  }

  private pendingSession(linkId: string, now: Date): Session | undefined {
    return [...this.sessions.values()].reverse().find((s) => s.linkId === linkId && this.isOpen(s, now));
  }

  private isOpen(session: Session, now: Date): boolean {
    return !session.used && now.getTime() < session.expiresAt;
  }
}

/** A numeric challenge, as `type: "numeric"` says. */
function randomDigits(count: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => String(byte % 10)).join("");
}
