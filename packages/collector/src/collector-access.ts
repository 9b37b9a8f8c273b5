import { checkToken } from './secret-token.js';

/** Per-source budgets of the events endpoint (token buckets). */
export interface RateLimitOptions {
  /** Requests a source may send per second, on average. */
  requestsPerSecond: number;
  /** Requests a source may send at once before it has to wait. */
  requestBurst: number;
  /** Request body bytes a source may send per second, on average. */
  bytesPerSecond: number;
  /** Body bytes a source may send at once; at least `maxBodyBytes`, so that one largest body always fits. */
  byteBurst: number;
}

/** Who may read and write a collector, and how much a source may send. See `CollectorOptions`. */
export interface CollectorAccessOptions {
  /**
   * Token readers must present (the page, `/api/*`, the stream). Required when the collector listens beyond
   * loopback; on loopback it is asked for only with `requireReadToken`. At least 16 characters.
   */
  readToken?: string;
  /** Asks for `readToken` on loopback too. Default: `false`. */
  requireReadToken?: boolean;
  /** Token a writer may send in `x-codex-analytics-ingest-token`. At least 16 characters. */
  ingestToken?: string;
  /** `chatgpt-account-id` values allowed to write. */
  allowAccounts?: readonly string[];
  /** Verified `AgentAssertion` `agent_runtime_id`s allowed to write. */
  allowAgentRuntimes?: readonly string[];
  /** Takes the client address from the last `X-Forwarded-For` hop (behind a reverse proxy). Default: `false`. */
  trustProxy?: boolean;
  /**
   * Origins a reverse proxy serves the collector at (`https://analytics.example.com`): requests naming one in `Host`
   * or `Origin` pass the Host and Origin checks. Default: none.
   */
  publicOrigins?: readonly string[];
  /**
   * Per-source budgets of the events endpoint; `false` turns them off. Default: off on loopback,
   * `defaultRateLimits(maxBodyBytes)` beyond.
   */
  rateLimits?: RateLimitOptions | false;
}

/** The access rules in force. */
export interface CollectorAccess {
  /** The token readers must present, or `undefined` when reading is open (loopback by default). */
  readToken: string | undefined;
  writers: WriterRules;
  trustProxy: boolean;
  rateLimits: RateLimitOptions | undefined;
}

/** The writer rules; when none is set (`any` is `false`), every authorized writer is accepted as before. */
export interface WriterRules {
  any: boolean;
  ingestToken: string | undefined;
  accounts: ReadonlySet<string>;
  agentRuntimes: ReadonlySet<string>;
}

/** Budgets beyond loopback: 20 requests/s (bursts of 200) and 4 MiB/s of bodies (bursts of max(32 MiB, maxBodyBytes)). */
export function defaultRateLimits(maxBodyBytes: number): RateLimitOptions {
  return { requestsPerSecond: 20, requestBurst: 200, bytesPerSecond: 4 * 1024 * 1024, byteBurst: Math.max(32 * 1024 * 1024, maxBodyBytes) };
}

/**
 * The access rules of a collector listening on loopback or not. Beyond loopback a read token and at least one
 * writer rule are required: without them anyone who reaches the collector could read or write, so this throws a
 * `TypeError` saying what to configure (never echoing a token).
 */
export function resolveCollectorAccess(options: CollectorAccessOptions, { loopback, maxBodyBytes }: { loopback: boolean; maxBodyBytes: number }): CollectorAccess {
  if (options.readToken !== undefined) checkToken(options.readToken, 'readToken');
  for (const origin of options.publicOrigins ?? []) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new TypeError(`publicOrigins: ${JSON.stringify(origin)} is not an origin like https://analytics.example.com`);
    }
  }
  if (options.ingestToken !== undefined) checkToken(options.ingestToken, 'ingestToken');
  const accounts = new Set(cleanIds(options.allowAccounts, 'allowAccounts'));
  const agentRuntimes = new Set(cleanIds(options.allowAgentRuntimes, 'allowAgentRuntimes'));
  const writers: WriterRules = {
    any: options.ingestToken !== undefined || accounts.size > 0 || agentRuntimes.size > 0,
    ingestToken: options.ingestToken,
    accounts,
    agentRuntimes,
  };
  if (options.requireReadToken === true && options.readToken === undefined) {
    throw new TypeError('requireReadToken needs a read token: --read-token-file PATH or CODEX_ANALYTICS_READ_TOKEN');
  }
  if (!loopback) {
    const missing = [
      ...(options.readToken === undefined ? ['a read token (--read-token-file PATH or CODEX_ANALYTICS_READ_TOKEN)'] : []),
      ...(writers.any
        ? []
        : ['a writer rule (--ingest-token-file PATH or CODEX_ANALYTICS_INGEST_TOKEN, --allow-account ID, --allow-agent-runtime ID)']),
    ];
    if (missing.length > 0) {
      throw new TypeError(
        `refusing to listen beyond loopback without ${missing.join(' and ')}: anyone who can reach the collector could ${
          options.readToken === undefined ? 'read every event' : 'write events'
        }; see "Running it for a team" in the collector README`,
      );
    }
  }
  const rateLimits = options.rateLimits === undefined ? (loopback ? undefined : defaultRateLimits(maxBodyBytes)) : options.rateLimits || undefined;
  if (rateLimits !== undefined) checkRateLimits(rateLimits, maxBodyBytes);
  return {
    readToken: loopback && options.requireReadToken !== true ? undefined : options.readToken,
    writers,
    trustProxy: options.trustProxy === true,
    rateLimits,
  };
}

function cleanIds(ids: readonly string[] | undefined, name: string): string[] {
  return (ids ?? []).map((id) => {
    if (typeof id !== 'string' || id.trim() === '') throw new TypeError(`${name} holds an empty id`);
    return id.trim();
  });
}

function checkRateLimits(limits: RateLimitOptions, maxBodyBytes: number): void {
  for (const key of ['requestsPerSecond', 'requestBurst', 'bytesPerSecond', 'byteBurst'] as const) {
    if (!Number.isFinite(limits[key]) || limits[key] <= 0) throw new TypeError(`invalid rateLimits.${key} ${limits[key]}`);
  }
  if (limits.requestBurst < 1) throw new TypeError('rateLimits.requestBurst must be at least 1');
  if (limits.byteBurst < maxBodyBytes) throw new TypeError(`rateLimits.byteBurst must be at least maxBodyBytes (${maxBodyBytes})`);
}
