import type { Sleep, Transport } from '@codex-analytics/transport';

/** Closes a transport, waiting at most `remainingMs` for it. Never rejects. */
export async function closeWithin(transport: Transport, remainingMs: number, sleep: Sleep): Promise<void> {
  let closing: Promise<void>;
  try {
    closing = transport.close().catch(() => undefined);
  } catch {
    return;
  }
  if (remainingMs <= 0) return;
  const timer = new AbortController();
  let waited: Promise<unknown>;
  try {
    waited = sleep(remainingMs, timer.signal).catch(() => undefined);
  } catch {
    waited = Promise.resolve();
  }
  await Promise.race([closing, waited]);
  timer.abort();
}
