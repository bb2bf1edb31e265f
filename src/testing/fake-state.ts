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

/** The operations that open an MFA session with a 428, each finished its own way. */
type Opener = Extract<OperationId, "retrieveOwners" | "updateLinkCredentials">;

interface Session {
  id: string;
  linkId: string;
  /** The operation whose 428 opened it: an owners request is finished by PATCH, a link update by its PUT again. */
  openedBy: Opener;
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

  /**
   * Belvo's two MFA flows: an owners request (POST) that may answer 428, finished by PATCH with the session; a link
   * update (PUT) that may answer 428, finished by the same PUT with the token.
   */
  readonly operations: Partial<Record<OperationId, StatefulOperation>> = {
    retrieveOwners: {
      answer: ({ requestId, body, now }) => this.retrieveOwners(requestId, body, now),
    },
    completeOwnersRequest: {
      answer: ({ requestId, body, now }) => this.completeOwners(requestId, body, now),
    },
    updateLinkCredentials: {
      exists: ({ id }) => this.links.has(id!),
      answer: ({ requestId, pathParams, body, now }) => this.updateLink(requestId, pathParams.id!, body, now),
    },
  };

  expireSessions(): void {
    for (const session of this.sessions.values()) session.expiresAt = 0;
  }

  private updateLink(requestId: string, linkId: string, body: Record<string, unknown>, now: Date): Reply {
    const link = this.links.get(linkId)!;
    const refused = this.challenge(requestId, link, body, now, "updateLinkCredentials");
    return refused ?? { status: 200, body: linkBody(linkId, link.institution, now) };
  }

  private retrieveOwners(requestId: string, body: Record<string, unknown>, now: Date): Reply {
    const link = this.links.get(String(body.link))!; // an unknown link got its 404 already
    const refused = this.challenge(requestId, link, body, now, "retrieveOwners");
    return refused ?? this.owners(link, body, now);
  }

  /**
   * For a link whose institution asks for MFA: a 428 opening a session when the request brings no token (or no
   * confirmation on another device is pending), else the answer to the token it brings for the session its own
   * operation opened. Undefined when the request may go on.
   */
  private challenge(requestId: string, link: FakeLinkSeed, body: Record<string, unknown>, now: Date, by: Opener) {
    if (!link.mfa) return undefined;
    const pending = this.pendingSession(link.id, now, by);
    if (body.token === undefined && !(pending && link.mfa.expectsUserInput === false))
      return this.openSession(requestId, link, now, by);
    return this.consume(requestId, pending, link.mfa, body.token);
  }

  private owners(link: FakeLinkSeed, body: Record<string, unknown>, now: Date): Reply {
    return { status: body.save_data === false ? 200 : 201, body: ownersFor(link.id, link.owners, now) };
  }

  private completeOwners(requestId: string, body: Record<string, unknown>, now: Date): Reply {
    const link = this.links.get(String(body.link));
    if (!link) return { status: 404, body: errorBody(requestId, "not_found", "Not found") };
    const session = this.sessions.get(String(body.session));
    if (session && session.linkId !== link.id) {
      return { status: 400, body: errorBody(requestId, "invalid", "The session belongs to another link", "link") };
    }
    // A link update's session is finished by its PUT, never here.
    if (session && session.openedBy !== "retrieveOwners") {
      const message = "The session was not opened by an owners request: send the link update again with the token";
      return { status: 400, body: errorBody(requestId, "invalid", message, "session") };
    }
    const open = session && this.isOpen(session, now) ? session : undefined;
    return this.consume(requestId, open, link.mfa, body.token) ?? this.owners(link, body, now);
  }

  private openSession(requestId: string, link: FakeLinkSeed, now: Date, openedBy: Opener): Reply {
    const session: Session = {
      id: randomHex(16),
      linkId: link.id,
      openedBy,
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

  private pendingSession(linkId: string, now: Date, openedBy: Opener): Session | undefined {
    return [...this.sessions.values()]
      .reverse()
      .find((s) => s.linkId === linkId && s.openedBy === openedBy && this.isOpen(s, now));
  }

  private isOpen(session: Session, now: Date): boolean {
    return !session.used && now.getTime() < session.expiresAt;
  }
}

/** A numeric challenge, as `type: "numeric"` says. */
function randomDigits(count: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => String(byte % 10)).join("");
}
