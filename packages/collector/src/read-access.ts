import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tokenMatches } from './secret-token.js';

/** The header the page (and any reader) sends the read token in. */
export const READ_TOKEN_HEADER = 'x-codex-analytics-read-token';

/** The cookie holding a stream ticket: the EventSource of the page cannot send headers, but sends this. */
export const READ_COOKIE = 'codex_analytics_read';

/** How long a ticket set by `POST /api/session` lasts: 12 hours. */
export const readTicketMs = 12 * 60 * 60 * 1000;

export interface ReadAccess {
  /** Whether the request may read: no read token configured, the token in `READ_TOKEN_HEADER`, or a valid ticket cookie. */
  allows(headers: IncomingHttpHeaders): boolean;
  /** Whether `READ_TOKEN_HEADER` holds the read token (what `POST /api/session` asks before it sets the cookie). */
  tokenSent(headers: IncomingHttpHeaders): boolean;
  /** A `Set-Cookie` value with a new ticket (signed expiry time, never the token), HttpOnly, SameSite=Strict. */
  ticketCookie(secure: boolean): string;
  /** A `Set-Cookie` value that removes the ticket. */
  clearCookie(): string;
  readonly required: boolean;
}

/**
 * The readers' check. A ticket is `<expiresAt>.<HMAC-SHA256(key, expiresAt)>` under a key drawn when the collector
 * starts: it holds no part of the token, ends after `readTicketMs`, and dies with the collector.
 */
export function createReadAccess(token: string | undefined, now: () => number, key: Buffer = randomBytes(32)): ReadAccess {
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const validTicket = (ticket: string): boolean => {
    const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
    if (match === null) return false;
    const expected = Buffer.from(sign(match[1]!));
    const given = Buffer.from(match[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) && Number(match[1]) > now();
  };
  const tokenSent = (headers: IncomingHttpHeaders): boolean => {
    const sent = headers[READ_TOKEN_HEADER];
    return token !== undefined && tokenMatches(token, Array.isArray(sent) ? sent[0] : sent);
  };
  return {
    required: token !== undefined,
    tokenSent,
    allows: (headers) => {
      if (token === undefined) return true;
      if (tokenSent(headers)) return true;
      const ticket = readCookie(headers.cookie, READ_COOKIE);
      return ticket !== undefined && validTicket(ticket);
    },
    ticketCookie: (secure) => {
      const expiresAt = now() + readTicketMs;
      return `${READ_COOKIE}=${expiresAt}.${sign(String(expiresAt))}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${readTicketMs / 1000}${secure ? '; Secure' : ''}`;
    },
    clearCookie: () => `${READ_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
  };
}

/** The value of cookie `name` in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
