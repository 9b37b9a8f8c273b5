import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Why a request was refused before it reached a route. */
export type GuardRefusal =
  | { kind: 'forbidden_host'; message: string }
  | { kind: 'forbidden_origin'; message: string }
  | { kind: 'unsupported_media_type'; message: string };

export interface RequestGuard {
  /**
   * `undefined` when the request may go on. A `Host` that does not name this collector is refused (DNS rebinding:
   * a page of another site that resolves its name to 127.0.0.1 must not read the events); so is any request whose
   * `Origin` is another site; a `POST`, `PUT` or `PATCH` must also be JSON, which no cross-site page can send
   * without a CORS preflight that the collector never grants.
   */
  check(method: string, headers: IncomingHttpHeaders): GuardRefusal | undefined;
  /** The host names (without port) a `Host` header may carry. */
  readonly hostnames: ReadonlySet<string>;
}

const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

/** Whether `host` (an interface address or name) only ever reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Whether `host` is a wildcard address (every interface). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * The guard for a collector listening on `host`:`port`. Accepted `Host` names: 127.0.0.1, localhost, [::1], the
 * configured host, and, when it listens on every interface, this machine's interface addresses.
 */
export function createRequestGuard({
  host,
  port,
  publicOrigins = [],
}: {
  host: string;
  port: number;
  /** Origins a reverse proxy in front serves the collector at (`https://analytics.example`): their Host and Origin are accepted. */
  publicOrigins?: readonly string[];
}): RequestGuard {
  const publicUrls = publicOrigins.map((origin) => new URL(origin));
  const hostnames = new Set<string>(loopbackNames);
  hostnames.add(bracketed(host.toLowerCase()));
  if (isWildcardHost(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) hostnames.add(bracketed(address.address.toLowerCase()));
    }
  }
  hostnames.delete('');
  hostnames.delete('[::]');
  hostnames.delete('0.0.0.0');

  const sameOrigin = (origin: string): boolean => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (publicUrls.some((known) => known.origin === url.origin)) return true;
    return url.protocol === 'http:' && hostnames.has(url.hostname.toLowerCase()) && Number(url.port || 80) === port;
  };

  return {
    hostnames,
    check: (method, headers) => {
      const hostHeader = headers.host;
      const publicHost = hostHeader !== undefined && publicUrls.some((known) => known.host === hostHeader.trim().toLowerCase());
      if (hostHeader === undefined || (!publicHost && !allowedHost(hostHeader, hostnames, port))) {
        return {
          kind: 'forbidden_host',
          message: `Host ${JSON.stringify(hostHeader ?? '')} does not name this collector; use http://127.0.0.1:${port} (or localhost, [::1])`,
        };
      }
      const origin = headers.origin;
      if (origin !== undefined && !sameOrigin(origin)) {
        return { kind: 'forbidden_origin', message: `cross-origin requests are refused (Origin ${JSON.stringify(origin)})` };
      }
      if (carriesBody(method) && !isJson(headers['content-type'])) {
        return {
          kind: 'unsupported_media_type',
          message: `send the body as JSON with content-type: application/json (got ${JSON.stringify(headers['content-type'] ?? '')})`,
        };
      }
      return undefined;
    },
  };
}

function allowedHost(hostHeader: string, hostnames: ReadonlySet<string>, port: number): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (match === null) return false;
  const name = match[1]!.toLowerCase();
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  return hostPort === port && hostnames.has(name);
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function carriesBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || (essence.startsWith('application/') && essence.endsWith('+json'));
}
