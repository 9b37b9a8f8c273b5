/** Inserts rows in one go and resolves once the store has them all (rejects when it refused them). */
export type InsertRows<Row> = (rows: Row[], tokens: string[]) => Promise<void>;

export interface GroupInsertOptions {
  /** Inserts running at once. Default: 2. */
  maxInFlight?: number;
  /** Most rows one insert carries (a single larger request still goes alone). Default: 20000. */
  maxRows?: number;
}

interface Waiting<Row> {
  rows: Row[];
  token: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests' rows share inserts. A request that finds an insert slot free is inserted at once (a lone
 * request waits for nothing); while every slot is busy, requests queue, and the next free slot inserts all of them
 * (up to `maxRows`) in one insert. Each request's promise settles with the insert that carried its rows: resolved
 * only once that insert succeeded, rejected with its error otherwise, so a request is never answered before its rows
 * are stored, and a failed insert fails exactly the requests it carried. Fewer, larger inserts are what ClickHouse
 * is built for (each insert writes a part).
 */
export class GroupInsert<Row> {
  readonly #insert: InsertRows<Row>;
  readonly #maxInFlight: number;
  readonly #maxRows: number;
  readonly #queue: Array<Waiting<Row>> = [];
  #inFlight = 0;

  constructor(insert: InsertRows<Row>, options: GroupInsertOptions = {}) {
    this.#insert = insert;
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.#maxRows = Math.max(1, options.maxRows ?? 20_000);
  }

  /** Rows of one request, and its deduplication token; settles when they are stored or refused. */
  add(rows: Row[], token: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ rows, token, resolve, reject });
      this.#pump();
    });
  }

  /** Requests queued for an insert slot (not yet in an insert). */
  get queued(): number {
    return this.#queue.length;
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) {
      const group: Array<Waiting<Row>> = [];
      let rowCount = 0;
      while (this.#queue.length > 0) {
        const next = this.#queue[0]!;
        if (group.length > 0 && rowCount + next.rows.length > this.#maxRows) break;
        this.#queue.shift();
        group.push(next);
        rowCount += next.rows.length;
      }
      this.#inFlight += 1;
      void this.#run(group);
    }
  }

  async #run(group: Array<Waiting<Row>>): Promise<void> {
    try {
      const rows = group.length === 1 ? group[0]!.rows : group.flatMap((waiting) => waiting.rows);
      await this.#insert(rows, group.map((waiting) => waiting.token));
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    } finally {
      this.#inFlight -= 1;
      this.#pump();
    }
  }
}
