// How our own formatting hides what a call must not show: the Basic credentials and the values of the secret and
// single-use fields the call sent, wherever a server echoes them (a body, a header, an error code). Applied when we
// format (a result's toJSON and inspection, an error's message, fields and cause), never to `result.data` or
// `result.error`, which stay the server's bytes.

export type Redact = (text: string) => string;

export const REDACTED = "[REDACTED]";
/** Deeper than this, a formatted value is cut: `JSON.stringify` of a million nested arrays would throw. */
const MAX_DEPTH = 64;

export const noRedaction: Redact = (text) => text;

/**
 * Replaces every occurrence of each secret with `[REDACTED]`: as is, and as a server may echo it, inside a JSON string,
 * percent- or form-encoded in a URL, or as a header's UTF-8 bytes read one byte a character (as fetch reads them).
 */
export function redactor(secrets: Iterable<string>): Redact {
  // Built on first use: most calls format nothing, and the forms cost more than the call's own checks.
  let redact: Redact | undefined;
  const list = [...secrets];
  return (text) => (redact ??= redactorOf(list))(text);
}

function redactorOf(secrets: string[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret.replace(/[\uD800-\uDFFF]/g, "")));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(asLatin1(secret));
  }
  forms.delete("");
  if (forms.size === 0) return noRedaction;
  // Longest first, so that a secret inside another is not left half shown.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    for (const form of ordered) if (text.includes(form)) text = text.split(form).join(REDACTED);
    return text;
  };
}

/**
 * A copy of a JSON value with every string and key redacted, cut below MAX_DEPTH, for `toJSON` and `util.inspect`.
 * Keys are defined, not assigned, so a `__proto__` key stays a key.
 */
export function redactJson(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  // A numeric token echoed back as a JSON number.
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
  if (!(cause instanceof Error)) return typeof cause === "string" ? redact(cause) : `[${typeof cause}]`;
  const [message, name, code, stack, inner] = ["message", "name", "code", "stack", "cause"].map((key) =>
    readProperty(cause, key),
  );
  const copy = new Error(redact(typeof message === "string" ? message : ""));
  copy.name = typeof name === "string" ? name : "Error";
  if (typeof code === "string" || typeof code === "number")
    Object.assign(copy, { code: typeof code === "string" ? redact(code) : code });
  copy.stack = typeof stack === "string" ? redact(stack) : `${copy.name}: ${copy.message}`;
  if (inner !== undefined && depth < 4) copy.cause = safeCause(inner, redact, depth + 1);
  return copy;
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
