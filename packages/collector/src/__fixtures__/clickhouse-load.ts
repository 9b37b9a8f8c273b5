// Test load for the ClickHouse store: senders that retry the same bytes as our client does, and the invariant check.
import { Agent, request } from 'undici';
import { hookRunEvent } from './sample-events.js';
import { bearerHeaders } from './http-client.js';
import { eventKey, requestDigest } from '../event-key.js';

/** A request body of `count` events, each with its own turn id (`<prefix>-<n>`), threads spread over `threads`. */
export function loadBody(prefix: string, count: number, threads = 8): Buffer {
  const events = Array.from({ length: count }, (_, index) => hookRunEvent(`thread-${prefix}-${index % threads}`, `${prefix}-${index}`));
  return Buffer.from(JSON.stringify({ events }));
}

/** The keys the store gives the events of a body. */
export function keysOf(body: Buffer, count: number): string[] {
  const digest = requestDigest(body);
  return Array.from({ length: count }, (_, index) => eventKey(digest, index));
}

export interface RetryingSender {
  /**
   * Sends the same bytes until a collector answers 200 (trying the URLs in turn: a collector that is gone is skipped
   * at the next attempt), as our client does: 503 and 429 wait out `Retry-After` (scaled down to `maxWaitMs`), a
   * connection error waits `maxWaitMs`. Resolves with the attempts made; rejects after `maxAttempts`.
   */
  send(urls: readonly string[], body: Buffer): Promise<{ attempts: number; statuses: number[] }>;
  close(): Promise<void>;
}

export function createRetryingSender({ maxAttempts = 200, maxWaitMs = 150 } = {}): RetryingSender {
  const dispatcher = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10, connect: { timeout: 2000 } });
  return {
    send: async (urls, body) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const url = urls[attempt % urls.length]!;
        try {
          const response = await request(`${url}/codex/analytics-events/events`, { method: 'POST', headers: bearerHeaders, body, dispatcher, headersTimeout: 30_000 });
          await response.body.text();
          statuses.push(response.statusCode);
          if (response.statusCode === 200) return { attempts: attempt + 1, statuses };
          if (response.statusCode !== 503 && response.statusCode !== 429) throw new Error(`status ${response.statusCode}`);
          const retryAfter = Number(response.headers['retry-after'] ?? 1);
          await sleep(Math.min(retryAfter * 1000, maxWaitMs));
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('status ')) throw error;
          statuses.push(0);
          await sleep(maxWaitMs);
        }
      }
      throw new Error(`not stored after ${maxAttempts} attempts: ${statuses.slice(-5).join(',')}`);
    },
    close: () => dispatcher.destroy(),
  };
}

/** Runs a query on a ClickHouse server over HTTP; resolves with the rows of `JSONEachRow`. */
export async function clickHouseRows<T>(serverUrl: string, query: string): Promise<T[]> {
  const response = await fetch(`${serverUrl}/?query=${encodeURIComponent(`${query} FORMAT JSONEachRow`)}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${text.slice(0, 300)}`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * The invariant: every key acknowledged is stored exactly once (read with FINAL: one row per key), and every stored
 * event's turn id is one of a sent event's. Returns what differs (empty when it holds) and the raw row count.
 */
export async function checkStoredExactlyOnce(serverUrl: string, table: string, sentKeys: readonly string[]): Promise<{ missing: string[]; doubled: string[]; extra: number; rows: number; final: number }> {
  const final = await clickHouseRows<{ key: string; turn: string }>(serverUrl, `SELECT key, visitParamExtractString(visitParamExtractRaw(event, 'event_params'), 'turn_id') AS turn FROM ${table} FINAL`);
  const [raw] = await clickHouseRows<{ rows: string }>(serverUrl, `SELECT count() AS rows FROM ${table}`);
  const byKey = new Map<string, number>();
  const byTurn = new Map<string, number>();
  for (const row of final) {
    byKey.set(row.key, (byKey.get(row.key) ?? 0) + 1);
    byTurn.set(row.turn, (byTurn.get(row.turn) ?? 0) + 1);
  }
  const sent = new Set(sentKeys);
  return {
    missing: sentKeys.filter((key) => !byKey.has(key)),
    doubled: [...byKey].filter(([, count]) => count > 1).map(([key]) => key).concat([...byTurn].filter(([, count]) => count > 1).map(([turn]) => `turn ${turn}`)),
    extra: [...byKey.keys()].filter((key) => !sent.has(key)).length,
    rows: Number(raw?.rows ?? 0),
    final: final.length,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
