/** Where the ClickHouse store is, taken apart so that the password travels only to the client, never to a log. */
export interface ClickHouseTarget {
  /** `http(s)://host:port`, without credentials, path or query. */
  origin: string;
  username: string;
  password: string;
  /** The database: the URL's path (default `codex_analytics`). */
  database: string;
  /** The URL as it may be shown: the password replaced by `[redacted]`. */
  display: string;
}

export const defaultClickHouseDatabase = 'codex_analytics';

/** Parses `http://user:password@host:8123/database`; throws a `TypeError` that never carries the password. */
export function parseClickHouseUrl(text: string): ClickHouseTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError('the ClickHouse URL is not a URL (expected http://user:password@host:8123/database)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`the ClickHouse URL must be http: or https: (got ${url.protocol})`);
  const path = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  const database = path === '' ? defaultClickHouseDatabase : path;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new TypeError(`the ClickHouse database must be a plain name (letters, digits, _), got ${JSON.stringify(database.slice(0, 64))}`);
  }
  const password = decodeURIComponent(url.password);
  const username = url.username === '' ? 'default' : decodeURIComponent(url.username);
  const display = `${url.protocol}//${url.username === '' ? '' : `${url.username}${password === '' ? '' : ':[redacted]'}@`}${url.host}/${database}`;
  return { origin: `${url.protocol}//${url.host}`, username, password, database, display };
}

/** The ClickHouse URL's secrets (the password as given and encoded, and the whole URL), to redact from any text. */
export function clickHouseSecrets(text: string | undefined): string[] {
  if (text === undefined) return [];
  const secrets = [text];
  try {
    const url = new URL(text);
    if (url.password !== '') secrets.push(url.password, decodeURIComponent(url.password));
  } catch {
    // not a URL: the text itself is redacted
  }
  return secrets.filter((secret) => secret.length >= 4);
}
