/**
 * The request body bytes held at once, across requests: reading, parsing, validating and storing a body keeps its
 * bytes reserved. A reservation that would go over the limit is refused, except when nothing is held (one body up to
 * the body cap always fits), so concurrent large bodies cannot take memory without bound.
 */
export interface BodyBudget {
  /** Reserves `bytes`; `false` (nothing reserved) when that would go over the limit while other bodies are held. */
  tryReserve(bytes: number): boolean;
  release(bytes: number): void;
  /** The bytes reserved now. */
  readonly held: number;
}

export function createBodyBudget(limitBytes: number): BodyBudget {
  let held = 0;
  return {
    tryReserve: (bytes) => {
      if (held > 0 && held + bytes > limitBytes) return false;
      held += bytes;
      return true;
    },
    release: (bytes) => {
      held = Math.max(0, held - bytes);
    },
    get held() {
      return held;
    },
  };
}
