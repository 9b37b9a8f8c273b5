/** Sizes of the reducer's state and how many entries each cap evicted. */
export interface AnalyticsReducerStats {
  connections: number;
  pendingRequests: number;
  threads: number;
  turns: number;
  evicted: { connections: number; pendingRequests: number; threads: number; turns: number };
}

type Counted = { readonly size: number; readonly evicted: number };

/** The stats of the reducer's four capped maps. */
export function reducerStats(maps: Record<'connections' | 'pendingRequests' | 'threads' | 'turns', Counted>): AnalyticsReducerStats {
  const { connections, pendingRequests, threads, turns } = maps;
  return {
    connections: connections.size,
    pendingRequests: pendingRequests.size,
    threads: threads.size,
    turns: turns.size,
    evicted: {
      connections: connections.evicted,
      pendingRequests: pendingRequests.evicted,
      threads: threads.evicted,
      turns: turns.evicted,
    },
  };
}
