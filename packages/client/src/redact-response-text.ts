/** Longest fragment of a server's answer (or an error message) that may reach a warning, a listener or a report. */
export const MAX_FRAGMENT_CHARS = 200;
/** Only this much of a body is looked at. */
const MAX_SCANNED_CHARS = 4_096;
const REDACTED = '[redacted]';

// What a credential looks like, whoever's it is. Each pattern is replaced whole.
const SECRET_SHAPES: readonly RegExp[] = [
  // `Bearer <token>`, `Basic <token>` (an echoed Authorization value).
  /\b(?:bearer|basic|token)\s+[^\s"',;}\]]+/gi,
  // A JWT: three base64url parts, the first two starting `eyJ` (`{"`).
  /\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g,
  // API keys shaped like `sk-...`, `sk-proj-...`, `pk_live_...`.
  /\b(?:sk|pk|rk|ak)[-_][\w-]{8,}/gi,
  // `"authorization": "..."`, `api_key=...`, `chatgpt-account-id: ...`, `password=...` and the like.
  /\b(?:authorization|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|secret|password|chatgpt-account-id|account[-_]?id)\b["']?\s*[:=]\s*["']?[^\s"',;}\]]+/gi,
  // Any long unbroken run of token characters (hex, base64, ids): 24 or more.
  /[\w+/=-]{24,}/g,
];

/**
 * A fragment of text from outside (a response body, an error message) made safe for logs and payloads: every value
 * the request carried in its headers (`carried`: the Authorization value and its token, the account id) and
 * anything shaped like a bearer token, a JWT, an API key or a long token run is replaced by `[redacted]`; control
 * characters become spaces; the result is cut to `MAX_FRAGMENT_CHARS`. Redaction runs before the cut, so a
 * secret is never cut in half and half shown.
 */
export function redactResponseText(text: string, carried: readonly string[] = []): string {
  let safe = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  for (const value of carriedSecrets(carried)) safe = safe.split(value).join(REDACTED);
  for (const shape of SECRET_SHAPES) safe = safe.replace(shape, REDACTED);
  safe = safe.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return safe.length > MAX_FRAGMENT_CHARS ? `${safe.slice(0, MAX_FRAGMENT_CHARS)}…` : safe;
}

/** Each carried value, its token after a scheme (`Bearer x` → `x`), and their URL- and JSON-escaped forms. */
function carriedSecrets(carried: readonly string[]): string[] {
  const secrets = new Set<string>();
  for (const value of carried) {
    if (typeof value !== 'string') continue;
    const forms = [value, value.replace(/^\S+\s+/, '')];
    for (const form of forms) {
      if (form.length < 4) continue;
      secrets.add(form);
      secrets.add(encodeURIComponent(form));
      secrets.add(JSON.stringify(form).slice(1, -1));
    }
  }
  // Longest first, so a value is never half-replaced by a shorter one inside it.
  return [...secrets].sort((a, b) => b.length - a.length);
}
