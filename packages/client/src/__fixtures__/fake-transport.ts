import { isRetryableStatus } from '@codex-analytics/transport';
import type { Transport, TransportRequest, TransportResult } from '@codex-analytics/transport';

export interface RecordedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** `JSON.parse(body).events`. */
  events: Record<string, unknown>[];
  signal: AbortSignal | undefined;
}

type Responder = (request: RecordedRequest, index: number) => TransportResult | Promise<TransportResult>;

export const ok: TransportResult = { status: 'success', statusCode: 200, headers: {}, body: '' };
export const status = (statusCode: number, retryAfterMs?: number): TransportResult =>
  isRetryableStatus(statusCode)
    ? { status: 'retryable', statusCode, retryAfterMs }
    : { status: 'failure', statusCode, error: new Error(`status ${statusCode}`), body: 'nope' };
export const networkError: TransportResult = { status: 'retryable', error: new Error('connect ECONNREFUSED') };

/**
 * A transport that records every request and answers from a script: a list of results used in order (then
 * `ok`), or a function of the request. `hold()` makes answers wait until `release()`.
 */
export class FakeTransport implements Transport {
  readonly requests: RecordedRequest[] = [];
  closed = 0;
  #script: Responder;
  #held: (() => void)[] | undefined;

  constructor(script: TransportResult[] | Responder = []) {
    this.#script = Array.isArray(script) ? (_request, index) => script[index] ?? ok : script;
  }

  /** Every event of every request, in send order. */
  get events(): Record<string, unknown>[] {
    return this.requests.flatMap((request) => request.events);
  }

  respond(script: TransportResult[] | Responder): void {
    this.#script = Array.isArray(script) ? (_request, index) => script[index] ?? ok : script;
  }

  hold(): void {
    this.#held ??= [];
  }

  /** Lets every held answer through (and stops holding). */
  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const go of held) go();
  }

  get heldCount(): number {
    return this.#held?.length ?? 0;
  }

  async send(request: TransportRequest): Promise<TransportResult> {
    const body = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : Buffer.from(request.body).toString('utf8');
    const recorded: RecordedRequest = {
      url: request.url,
      headers: request.headers,
      body,
      events: (JSON.parse(body) as { events: Record<string, unknown>[] }).events,
      signal: request.signal,
    };
    const index = this.requests.length;
    this.requests.push(recorded);
    const held = this.#held;
    if (held !== undefined) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        request.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    if (request.signal?.aborted === true) return { status: 'failure', error: new Error('aborted') };
    return this.#script(recorded, index);
  }

  close(): Promise<void> {
    this.closed += 1;
    return Promise.resolve();
  }
}
