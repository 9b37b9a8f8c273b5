import type { ClientLogger } from './client-logger.js';

/** How a condition is worded: its first line, and the count line that ends its episode. */
export interface EpisodeWording {
  /** The one line logged when an episode begins (built only then). */
  first: () => string;
  /** The line logged when an episode with more than one occurrence ends: `total` weighs every occurrence. */
  summary: (total: number, since: string) => string;
}

export interface WarnEpisodesOptions {
  /** Clock in epoch milliseconds. Default: `Date.now()`. */
  now?: () => number;
  /** An occurrence this long after the previous one of its condition ends the old episode and begins a new one. Default: 60000. */
  quietMs?: number;
  /** Conditions tracked at once; occurrences of further conditions are not logged. Default: 256. */
  maxConditions?: number;
}

interface Episode {
  wording: EpisodeWording;
  since: number;
  last: number;
  occurrences: number;
  total: number;
}

/** `1234` as `1,234`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Warnings that repeat as episodes: the first occurrence of a condition logs one line; later occurrences are only
 * counted; when the episode ends (its cause cleared with `end`, a quiet period passed, or `endAll` at shutdown) one
 * count line says how many there were since when ("2,000 events rejected since …"). A logger that throws is ignored.
 */
export class WarnEpisodes {
  readonly #logger: ClientLogger;
  readonly #now: () => number;
  readonly #quietMs: number;
  readonly #maxConditions: number;
  readonly #open = new Map<string, Episode>();

  constructor(logger: ClientLogger, options: WarnEpisodesOptions = {}) {
    this.#logger = logger;
    this.#now = options.now ?? (() => Date.now());
    this.#quietMs = options.quietMs ?? 60_000;
    this.#maxConditions = options.maxConditions ?? 256;
  }

  /** Logs one line now, outside any episode. */
  warn(message: string): void {
    try {
      this.#logger.warn(message);
    } catch {
      // A logger that throws must not break delivery.
    }
  }

  /**
   * One occurrence of `condition`, weighing `count` (events, facts, requests). The first occurrence of an episode
   * logs `wording.first()`; the others are counted for the summary.
   */
  occur(condition: string, count: number, wording: EpisodeWording): void {
    const at = this.#time();
    let episode = this.#open.get(condition);
    if (episode !== undefined && at - episode.last >= this.#quietMs) {
      this.end(condition);
      episode = undefined;
    }
    if (episode === undefined) {
      if (this.#open.size >= this.#maxConditions) return;
      this.#open.set(condition, { wording, since: at, last: at, occurrences: 1, total: count });
      this.warn(safeText(wording.first));
      return;
    }
    episode.last = at;
    episode.occurrences += 1;
    episode.total += count;
  }

  /** Whether an episode of `condition` is open. */
  isOpen(condition: string): boolean {
    return this.#open.has(condition);
  }

  /** Ends the episode of `condition` (its cause cleared); logs its count line when it had more than one occurrence. */
  end(condition: string): void {
    const episode = this.#open.get(condition);
    if (episode === undefined) return;
    this.#open.delete(condition);
    if (episode.occurrences < 2) return;
    const since = new Date(episode.since).toISOString();
    this.warn(safeText(() => episode.wording.summary(episode.total, since)));
  }

  /** Ends every episode whose condition starts with `prefix`. */
  endMatching(prefix: string): void {
    for (const condition of [...this.#open.keys()]) if (condition.startsWith(prefix)) this.end(condition);
  }

  /** Ends every open episode (at shutdown), each with its count line. */
  endAll(): void {
    for (const condition of [...this.#open.keys()]) this.end(condition);
  }

  #time(): number {
    try {
      const at = this.#now();
      return Number.isFinite(at) ? at : 0;
    } catch {
      return 0;
    }
  }
}

function safeText(build: () => string): string {
  try {
    return build();
  } catch {
    return 'analytics warning (its text could not be built)';
  }
}
