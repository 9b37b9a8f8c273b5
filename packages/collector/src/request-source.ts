import type { IncomingMessage } from 'node:http';

/**
 * Whom a request's budgets are charged to: its `chatgpt-account-id` when it sends one, else its client address.
 * The address is the socket's, or, with `trustProxy` (a reverse proxy in front that appends the client it saw),
 * the last hop of `X-Forwarded-For`. Never trust that header otherwise: any client can write it.
 */
export function requestSource(request: IncomingMessage, trustProxy: boolean): string {
  const accountId = request.headers['chatgpt-account-id'];
  if (typeof accountId === 'string' && accountId.trim() !== '') return `account:${accountId.trim()}`;
  return `address:${clientAddress(request, trustProxy)}`;
}

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '');
    const last = hops.at(-1);
    if (last !== undefined) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}
