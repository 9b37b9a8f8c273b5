/**
 * A Map with a cap: inserting a new key into a full map evicts the least recently written entry and counts it. The
 * reducer's state and the app-server tap's pending requests live in these, so a caller who never completes its turns
 * or never answers its requests cannot grow memory without limit.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  #evicted = 0;

  constructor(capacity: number, onEvict?: (key: K, value: V) => void) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** How many entries were evicted to make room since the map was created. */
  get evicted(): number {
    return this.#evicted;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Inserts or replaces; a written key becomes the newest, so eviction takes the least recently written. */
  set(key: K, value: V): this {
    if (this.#entries.has(key)) {
      this.#entries.delete(key);
    } else if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.entries().next().value;
      if (oldest !== undefined) {
        this.#entries.delete(oldest[0]);
        this.#evicted += 1;
        this.#onEvict?.(oldest[0], oldest[1]);
      }
    }
    this.#entries.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** The entries, least recently written first. */
  entries(): IterableIterator<[K, V]> {
    return this.#entries.entries();
  }

  /** Removes and returns the value under `key`. */
  take(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) this.#entries.delete(key);
    return value;
  }
}
