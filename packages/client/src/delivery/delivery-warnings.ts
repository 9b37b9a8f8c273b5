import type { ClientLimits } from '../client-limits.js';
import type { AuthSkipReason } from './delivery-report.js';
import { sendPathSkipWarning } from './send-path-skip-warning.js';
import { formatCount } from './warn-episodes.js';
import type { WarnEpisodes } from './warn-episodes.js';

/**
 * The delivery pipeline's warnings, worded in one place: what each condition says when it begins and the count line
 * that ends its episode. The pipeline says which condition occurred; `WarnEpisodes` decides what reaches the logger.
 */
export class DeliveryWarnings {
  readonly #episodes: WarnEpisodes;
  readonly #skipWarned = new Set<string>();

  constructor(episodes: WarnEpisodes) {
    this.#episodes = episodes;
  }

  /** A `track*` call after `shutdown()`. */
  ignoredAfterShutdown(): void {
    this.#episodes.occur('shutdown', 1, {
      first: () => 'analytics fact ignored: the client is shut down',
      summary: (total, since) => `${formatCount(total)} analytics facts ignored since ${since}: the client is shut down`,
    });
  }

  /** Input that could not become a fact (a malformed JSON-RPC message given to a tap). */
  inputInvalid(factType: string, path: string, message: string): void {
    this.#episodes.occur(`invalid:${factType}:${path}`, 1, {
      first: () => `analytics input dropped: ${message}`,
      summary: (total, since) => `${formatCount(total)} analytics inputs (${factType}) dropped since ${since}: invalid at \`${path}\``,
    });
  }

  /** A fact that failed validation (`factType` already made safe for logs). */
  factInvalid(factType: string | undefined, path: string, message: string): void {
    this.#episodes.occur(`invalid:${factType ?? ''}:${path}`, 1, {
      first: () => `analytics fact dropped: ${message}`,
      summary: (total, since) =>
        `${formatCount(total)} analytics facts${label(factType)} dropped since ${since}: invalid at \`${path}\``,
    });
  }

  /** The reducer threw on a fact. */
  reducerFailed(factType: string | undefined, message: string): void {
    this.#episodes.occur(`reducer:${factType ?? ''}`, 1, {
      first: () => `analytics fact dropped: ${message}`,
      summary: (total, since) =>
        `${formatCount(total)} analytics facts${label(factType)} dropped since ${since}: the reducer failed`,
    });
  }

  /** A fact expanded into more events than the pending bounds hold. */
  eventsOverPendingBounds(dropped: number, limits: Pick<ClientLimits, 'maxPendingFacts' | 'maxPendingBytes'>): void {
    const { maxPendingFacts, maxPendingBytes } = limits;
    this.#episodes.occur('pending_full', dropped, {
      first: () =>
        `dropping analytics events: a fact produced more events than the pending bounds hold (${maxPendingFacts} ` +
        `events, ${maxPendingBytes} bytes); ${formatCount(dropped)} dropped, further drops are counted`,
      summary: (total, since) => `${formatCount(total)} analytics events dropped since ${since}: over the pending bounds`,
    });
  }

  /** The queue was full when a fact came. `describe` is read only when the first line is logged. */
  queueFull(describe: () => { pending: number; bytes: number; limits: ClientLimits }): void {
    this.#episodes.occur('queue_full', 1, {
      first: () => {
        const { pending, bytes, limits } = describe();
        return (
          `dropping analytics facts: the queue is full (${pending}/${limits.maxPendingFacts} pending, ` +
          `${bytes}/${limits.maxPendingBytes} bytes); further drops are counted`
        );
      },
      summary: (total, since) => `${formatCount(total)} analytics facts dropped since ${since}: the queue was full`,
    });
  }

  /** The queue took a fact again after being full (the episode ends once that lasts). */
  queueAccepting(): void {
    this.#episodes.clear('queue_full');
  }

  /** A batch was skipped before sending (no credentials, an auth failure, ...). */
  skipped(reason: AuthSkipReason, events: number): void {
    if (reason === 'auth_error') {
      this.#episodes.occur('auth_error', events, {
        first: () => 'analytics events skipped: the auth manager failed',
        summary: (total, since) => `${formatCount(total)} analytics events skipped since ${since}: the auth manager failed`,
      });
      return;
    }
    // Said once per reason, not per episode: the setup will not change by itself.
    if (this.#skipWarned.has(reason)) return;
    this.#skipWarned.add(reason);
    this.#episodes.warn(sendPathSkipWarning(reason));
  }

  /** A batch was sent: an auth failure episode, if any, is over. */
  sent(): void {
    this.#episodes.end('auth_error');
  }

  /** A batch failed for good. */
  failed(reason: string, statusCode: number | undefined, events: number, message: string): void {
    const status = statusCode === undefined ? '' : `, status ${statusCode}`;
    this.#episodes.occur(`failed:${reason}:${statusCode ?? ''}`, events, {
      first: () => `analytics events failed (${events} events): ${message}; further failures like it are counted`,
      summary: (total, since) => `${formatCount(total)} analytics events failed since ${since} (${reason}${status})`,
    });
  }

  /** A retryable result during an outage; `cause` is the status or the network error. */
  outage(cause: string): void {
    this.#episodes.occur('outage', 1, {
      first: () => `analytics events not delivered yet (${cause}); the backend looks down, retrying with backoff`,
      summary: (total, since) => `analytics backend unavailable since ${since}: ${formatCount(total)} failed attempts`,
    });
  }

  /** The backend answered after an outage. */
  outageEnded(): void {
    this.#episodes.end('outage');
  }

  /** The worker's loop failed (only an injected clock or sleep that throws); it runs again after a timer. */
  workerFailed(error: unknown): void {
    this.#episodes.occur('worker', 1, {
      first: () => `analytics worker error: ${errorName(error)}; retrying`,
      summary: (total, since) => `${formatCount(total)} analytics worker errors since ${since}`,
    });
  }

  /** Accounting a request's outcome failed (only a listener-independent internal fault). */
  outcomeFailed(error: unknown): void {
    this.#episodes.occur('apply', 1, {
      first: () => `analytics worker error: ${errorName(error)}`,
      summary: (total, since) => `${formatCount(total)} analytics worker errors since ${since}`,
    });
  }

  /** The shutdown met an error (an injected clock that throws); it still ends. */
  shutdownFailed(error: unknown): void {
    this.#episodes.warn(`analytics shutdown error: ${errorName(error)}`);
  }

  /** At shutdown: every open episode logs its count line. */
  endAll(): void {
    this.#episodes.endAll();
  }
}

function label(factType: string | undefined): string {
  return factType === undefined ? '' : ` \`${factType}\``;
}

/** An error's name, never its message (which may carry what a caller passed). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
