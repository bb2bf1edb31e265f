// How our own formatting hides what a call must not show: the Basic credentials and the values of the secret and
// single-use fields the call sent, wherever a server echoes them (a body, a header, an error code). Applied when we
// format (a result's toJSON and inspection, an error's message, fields and cause), never to `result.data` or
// `result.error`, which stay the server's bytes.

export type Redact = (text: string) => string;

export const REDACTED = "[REDACTED]";
/** Deeper than this, a formatted value is cut: `JSON.stringify` of a million nested arrays would throw. */
const MAX_DEPTH = 64;

export const noRedaction: Redact = (text) => text;

/** JSON's two-character escapes. */
const SHORT_ESCAPES = new Map([
  ['"', '\\"'],
  ["\\", "\\\\"],
  ["/", "\\/"],
  ["\b", "\\b"],
  ["\f", "\\f"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);
/** A numeric secret's number shorter than this is not hidden: "7" or "0" is in too many messages. */
const MIN_NUMBER_DIGITS = 4;

/** What is redacted: a secret, or the number a numeric secret shows as a JSON number. */
interface Target {
  text: string;
  number: boolean;
}

/**
 * Replaces every occurrence of each secret with `[REDACTED]`, in any of the ways a server may echo it: each character
 * as is, JSON-escaped (`\"`, `\u00f1`, a surrogate pair), percent-encoded (any hex case, any character), form-encoded
 * (`+`), or as its UTF-8 bytes read one byte a character (as fetch reads a header); a numeric secret also as the
 * number a JSON number shows, without its leading zeros.
 */
export function redactor(secrets: Iterable<string>): Redact {
  // Built on first use: most calls format nothing.
  let redact: Redact | undefined;
  const list = [...secrets];
  return (text) => (redact ??= redactorOf(list))(text);
}

function redactorOf(secrets: string[]): Redact {
  const targets = targetsOf(secrets);
  if (targets.length === 0) return noRedaction;
  const mark = encodedMark(targets);
  // Each pattern compiled when first needed: compiling the encoded forms takes milliseconds, and few texts need them.
  let asIs: RegExp | undefined;
  let encoded: RegExp | undefined;
  return (text) =>
    mark.test(text)
      ? text.replace((encoded ??= alternation(targets, secretPattern)), REDACTED)
      : text.replace((asIs ??= alternation(targets, escapeRegExp)), REDACTED);
}

/**
 * What every encoded form of the targets holds: a `\` escape, a `%` byte, a `+` for a space, a UTF-8 byte of a
 * non-ASCII character read as Latin-1 (each has one from 0x80 to 0xBF). A text without one holds them only as they are.
 */
function encodedMark(targets: Target[]): RegExp {
  const texts = targets.map((target) => target.text).join("");
  const space = texts.includes(" ") ? "+" : "";
  const latin1 = /[^\x00-\x7f]/.test(texts) ? "\\u0080-\\u00bf" : "";
  return new RegExp(`[%\\\\${space}${latin1}]`);
}

/** The secrets, and the number of each numeric one, longest first: a secret inside another is not left half shown. */
function targetsOf(secrets: string[]): Target[] {
  const targets: Target[] = [];
  for (const secret of new Set(secrets)) {
    if (typeof secret !== "string" || secret === "") continue;
    targets.push({ text: secret, number: false });
    const number = numberOf(secret);
    if (number) targets.push({ text: number, number: true });
  }
  return targets.sort((a, b) => b.text.length - a.text.length);
}

/** A secret of digits as a JSON number shows it, without its leading zeros, if that differs and is long enough. */
function numberOf(secret: string): string | undefined {
  const number = /^[0-9]+$/.test(secret) ? secret.replace(/^0+/, "") : secret;
  return number !== secret && number.length >= MIN_NUMBER_DIGITS ? number : undefined;
}

function alternation(targets: Target[], pattern: (secret: string) => string): RegExp {
  // A secret of digits only whole (a number, with any leading zeros): its digits inside a longer number, a balance
  // or an account number, are another number. A digit that ends an escape (`%20`, `\u0022`) is no neighbour.
  const notAfterDigit = String.raw`(?<!(?<!%[0-9A-Fa-f]|\u[0-9A-Fa-f]{3})[0-9])`;
  const alternatives = targets.map(({ text, number }) =>
    number
      ? `${notAfterDigit}0*${text}(?![0-9])`
      : /^[0-9]+$/.test(text)
        ? `${notAfterDigit}${pattern(text)}(?![0-9])`
        : pattern(text),
  );
  return new RegExp(alternatives.join("|"), "g");
}

/**
 * Each run of one character, encoded or as is. A run is written one way: a character whose encoding starts with it
 * (`\` as `\\`, `%` as `%25`) would otherwise match a run of n in 2^n ways, all tried where the text fails to match.
 * Encoded first: where both match, the longer is taken, and no tail of an encoding (the `25` of `%25`) is left shown.
 */
function secretPattern(secret: string): string {
  return (secret.match(/(.)\1*/gsu) ?? [])
    .map((run) => {
      const char = String.fromCodePoint(run.codePointAt(0)!);
      const times = run.length > char.length ? `{${run.length / char.length}}` : "";
      // The empty lookahead changes no match: it stops V8 from copying the rest of the pattern into each alternative
      // (without it, a first use took about three times longer to compile on Node 20).
      return `(?:(?:${encodings(char).join("|")})${times}|(?:${escapeRegExp(char)})${times})(?=)`;
    })
    .join("");
}

/** How a server may write one character other than as is; no two begin alike, so that one reading is tried. */
function encodings(char: string): string[] {
  const bytes = [...new TextEncoder().encode(char)];
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  const forms = [
    units.map((unit) => `\\\\u${hexPattern(unit, 4)}`).join(""),
    bytes.map((byte) => `%${hexPattern(byte, 2)}`).join(""),
  ];
  if (bytes.length > 1) forms.push(escapeRegExp(asLatin1(char)));
  const short = SHORT_ESCAPES.get(char);
  if (short) forms.push(escapeRegExp(short));
  if (char === " ") forms.push("\\+");
  return forms;
}

/** `n` in hexadecimal, each letter in either case. */
function hexPattern(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/**
 * A copy of a JSON value with every string and key redacted, cut below MAX_DEPTH, for `toJSON` and `util.inspect`.
 * Keys are defined, not assigned, so a `__proto__` key stays a key.
 */
export function redactJson(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  // A numeric token echoed back as a JSON number (the redactor knows it without its leading zeros too).
  if (typeof value === "number") return redact(String(value)) === String(value) ? value : REDACTED;
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return `[nested deeper than ${MAX_DEPTH}]`;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redact, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, redact(key), {
      value: redactJson(item, redact, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * A copy of an error and of the errors under it (a socket error under fetch's TypeError) holding only their name,
 * code, message and stack, redacted: the originals may hold the server's bytes elsewhere (undici's HTTPParserError
 * keeps them in `data`), and some cannot be changed (a DOMException's message). Five levels at most.
 */
export function safeCause(cause: unknown, redact: Redact, depth = 0): unknown {
  if (cause === undefined || cause === null) return cause;
  if (!isInstance(cause, Error)) return typeof cause === "string" ? redact(cause) : `[${typeof cause}]`;
  const [message, name, code, stack, inner] = ["message", "name", "code", "stack", "cause"].map((key) =>
    readProperty(cause, key),
  );
  const copy = new Error(redact(typeof message === "string" ? message : ""));
  copy.name = typeof name === "string" ? redact(name) : "Error";
  if (typeof code === "string" || typeof code === "number")
    Object.assign(copy, { code: typeof code === "string" ? redact(code) : code });
  copy.stack = typeof stack === "string" ? redact(stack) : `${copy.name}: ${copy.message}`;
  if (inner !== undefined && depth < 4) copy.cause = safeCause(inner, redact, depth + 1);
  return copy;
}

/** `value instanceof type`, false where asking throws (a Proxy's getPrototypeOf trap, a revoked Proxy). */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** `value[key]`, or undefined where reading it throws: a getter or a Proxy in someone else's error. */
export function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The UTF-8 bytes of `text`, one character each: how fetch reads a header's bytes, and what `btoa` takes. */
export function asLatin1(text: string): string {
  let read = "";
  for (const byte of new TextEncoder().encode(text)) read += String.fromCharCode(byte);
  return read;
}
