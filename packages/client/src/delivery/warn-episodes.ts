import type { ClientLogger } from '../client-logger.js';

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
  /**
   * Hysteresis: an episode whose cause cleared (`clear`) ends only once the condition has stayed absent this long; an
   * occurrence before then continues it. Default: 60000.
   */
  clearMs?: number;
  /** An episode that goes on logs a count line at most this often (the occurrences since the last line). Default: 60000. */
  reportEveryMs?: number;
}

interface Episode {
  wording: EpisodeWording;
  /** Start of the period the next count line covers (the episode's start, or its last count line). */
  since: number;
  last: number;
  /** Occurrences and their weight in that period; the first line covers the first one only when no count line was logged. */
  occurrences: number;
  total: number;
  /** A count line was logged while the episode went on. */
  reported: boolean;
  /** When its cause cleared (`clear`), or undefined while it goes on. */
  clearedAt: number | undefined;
}

/**
 * `1234` as `1,234`, as `toLocaleString('en-US')` writes it. Grouped by hand: the first `toLocaleString` of a
 * process loads ICU's number formatting, 14–34 ms of one synchronous call on the first drop report (issue 22).
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count) || Object.is(count, -0)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let index = grouped.length; index < digits.length; index += 3) grouped += `,${digits.slice(index, index + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}

/**
 * Warnings that repeat as episodes: the first occurrence of a condition logs one line; later occurrences are only
 * counted; when the episode ends (`end`, its cause cleared with `clear` and absent for `clearMs` since, a quiet
 * period passed, or `endAll` at shutdown) one count line says how many there were since when ("2,000 events rejected
 * since …"). An episode that goes on logs a count line at most every `reportEveryMs`. So under any sustained or
 * flapping condition a condition logs at most three lines a minute, and every occurrence is in exactly one line's
 * count. A logger that throws is ignored.
 */
export class WarnEpisodes {
  readonly #logger: ClientLogger;
  readonly #now: () => number;
  readonly #quietMs: number;
  readonly #maxConditions: number;
  readonly #clearMs: number;
  readonly #reportEveryMs: number;
  readonly #open = new Map<string, Episode>();
  /** Open episodes whose cause cleared: they end once `clearMs` has passed (checked on the next call, or `endAll`). */
  readonly #clearing = new Set<string>();

  constructor(logger: ClientLogger, options: WarnEpisodesOptions = {}) {
    this.#logger = logger;
    this.#now = options.now ?? (() => Date.now());
    this.#quietMs = options.quietMs ?? 60_000;
    this.#maxConditions = options.maxConditions ?? 256;
    this.#clearMs = options.clearMs ?? 60_000;
    this.#reportEveryMs = options.reportEveryMs ?? 60_000;
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
    if (this.#clearing.size > 0) this.#endCleared(at);
    let episode = this.#open.get(condition);
    if (episode !== undefined && at - episode.last >= this.#quietMs) {
      this.end(condition);
      episode = undefined;
    }
    if (episode === undefined) {
      if (this.#open.size >= this.#maxConditions) return;
      this.#open.set(condition, { wording, since: at, last: at, occurrences: 1, total: count, reported: false, clearedAt: undefined });
      this.warn(safeText(wording.first));
      return;
    }
    if (episode.clearedAt !== undefined) {
      // Back before the condition had been absent for `clearMs`: the same episode goes on.
      episode.clearedAt = undefined;
      this.#clearing.delete(condition);
    }
    episode.last = at;
    episode.occurrences += 1;
    episode.total += count;
    if (at - episode.since >= this.#reportEveryMs) this.#report(episode, at);
  }

  /**
   * The cause of `condition` cleared (the queue accepted a fact again): its episode ends, with its count line, only
   * once the condition has stayed absent for `clearMs`; an occurrence before then continues it.
   */
  clear(condition: string): void {
    const at = this.#time();
    if (this.#clearing.size > 0) this.#endCleared(at);
    const episode = this.#open.get(condition);
    if (episode === undefined || episode.clearedAt !== undefined) return;
    episode.clearedAt = at;
    this.#clearing.add(condition);
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
    this.#clearing.delete(condition);
    // Without a count line so far, the first line covered the first occurrence: a lone one needs no count.
    if (episode.occurrences < (episode.reported ? 1 : 2)) return;
    this.#countLine(episode);
  }

  /** Ends every episode whose condition starts with `prefix`. */
  endMatching(prefix: string): void {
    for (const condition of [...this.#open.keys()]) if (condition.startsWith(prefix)) this.end(condition);
  }

  /** Ends every open episode (at shutdown), each with its count line. */
  endAll(): void {
    for (const condition of [...this.#open.keys()]) this.end(condition);
  }

  /** A count line for the period so far, and a new period from `at`. */
  #report(episode: Episode, at: number): void {
    this.#countLine(episode);
    episode.since = at;
    episode.occurrences = 0;
    episode.total = 0;
    episode.reported = true;
  }

  #countLine(episode: Episode): void {
    const since = new Date(episode.since).toISOString();
    this.warn(safeText(() => episode.wording.summary(episode.total, since)));
  }

  #endCleared(at: number): void {
    for (const condition of [...this.#clearing]) {
      const clearedAt = this.#open.get(condition)?.clearedAt;
      if (clearedAt === undefined || at - clearedAt >= this.#clearMs) this.end(condition);
    }
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
