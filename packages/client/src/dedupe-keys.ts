/** Upstream `ANALYTICS_EVENT_DEDUPE_MAX_KEYS`: a set holding this many keys is cleared before the next insert. */
export const DEDUPE_MAX_KEYS = 4096;

/**
 * The keys already reported, e.g. `(turn id, connector id)` for app-used. Like upstream, the set is cleared
 * wholesale when it holds `maxKeys` keys, so memory stays bounded and a key may be reported again after a clear.
 */
export class DedupeKeys {
  // Keyed by turn first so no `turn + id` string is built per call (the caller's turn id string keeps its cached
  // hash across calls); a turn's single id is stored as a string, a Set only once a turn has two.
  readonly #byTurn = new Map<string, string | Set<string>>();
  readonly #maxKeys: number;
  #size = 0;

  constructor(maxKeys: number = DEDUPE_MAX_KEYS) {
    this.#maxKeys = maxKeys;
  }

  /** Records `(turnId, id)`; true when it was new (the fact should be enqueued), false for a repeat. */
  insert(turnId: string, id: string): boolean {
    if (this.#size >= this.#maxKeys) {
      this.#byTurn.clear();
      this.#size = 0;
    }
    const existing = this.#byTurn.get(turnId);
    if (existing === undefined) {
      this.#byTurn.set(turnId, id);
    } else if (typeof existing === 'string') {
      if (existing === id) return false;
      this.#byTurn.set(turnId, new Set([existing, id]));
    } else {
      if (existing.has(id)) return false;
      existing.add(id);
    }
    this.#size += 1;
    return true;
  }

  /** Keys held, as upstream counts them (one per pair). */
  get size(): number {
    return this.#size;
  }
}
