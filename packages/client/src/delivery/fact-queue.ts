/**
 * A FIFO of facts with their estimated sizes, on a growable ring buffer: `push` and `shift` are O(1), and `push`
 * allocates nothing per fact (two parallel arrays, doubled when full; `shift` returns a small pair). Bounds are
 * enforced by the caller.
 */
export class FactQueue {
  #facts: unknown[] = new Array<unknown>(1024);
  #sizes: number[] = new Array<number>(1024).fill(0);
  #head = 0;
  #length = 0;
  #bytes = 0;

  get length(): number {
    return this.#length;
  }

  /** Sum of the estimated sizes of the queued facts. */
  get bytes(): number {
    return this.#bytes;
  }

  push(fact: unknown, bytes: number): void {
    if (this.#length === this.#facts.length) this.#grow();
    const index = (this.#head + this.#length) & (this.#facts.length - 1);
    this.#facts[index] = fact;
    this.#sizes[index] = bytes;
    this.#length += 1;
    this.#bytes += bytes;
  }

  /** Removes the oldest fact; `undefined` when empty. */
  shift(): { fact: unknown; bytes: number } | undefined {
    if (this.#length === 0) return undefined;
    const index = this.#head;
    const fact = this.#facts[index];
    const bytes = this.#sizes[index] ?? 0;
    this.#facts[index] = undefined;
    this.#head = (index + 1) & (this.#facts.length - 1);
    this.#length -= 1;
    this.#bytes -= bytes;
    return { fact, bytes };
  }

  /** Empties the queue and returns how many facts it held. */
  clear(): number {
    const length = this.#length;
    this.#facts = new Array<unknown>(1024);
    this.#sizes = new Array<number>(1024).fill(0);
    this.#head = 0;
    this.#length = 0;
    this.#bytes = 0;
    return length;
  }

  // The capacity stays a power of two so the index wraps with a mask.
  #grow(): void {
    const capacity = this.#facts.length * 2;
    const facts = new Array<unknown>(capacity);
    const sizes = new Array<number>(capacity).fill(0);
    for (let offset = 0; offset < this.#length; offset += 1) {
      const index = (this.#head + offset) & (this.#facts.length - 1);
      facts[offset] = this.#facts[index];
      sizes[offset] = this.#sizes[index] ?? 0;
    }
    this.#facts = facts;
    this.#sizes = sizes;
    this.#head = 0;
  }
}
