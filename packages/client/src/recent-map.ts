/**
 * A Map with a cap: inserting a new key into a full map evicts the least recently written entry and counts it.
 * The app-server tap keeps its pending requests and thread settings in these, so a connection whose requests are
 * never answered cannot grow memory without limit.
 */
export class RecentMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;
  #evicted = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Entries evicted to make room since the map was created. */
  get evicted(): number {
    return this.#evicted;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Inserts or replaces; a written key becomes the newest. */
  set(key: K, value: V): void {
    if (this.#entries.has(key)) {
      this.#entries.delete(key);
    } else if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) {
        this.#entries.delete(oldest.value);
        this.#evicted += 1;
      }
    }
    this.#entries.set(key, value);
  }

  /** Removes and returns the value under `key`. */
  take(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) this.#entries.delete(key);
    return value;
  }
}
