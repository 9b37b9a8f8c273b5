import type { TrackEventRequest } from '@codex-analytics/events';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { FactReducer } from '../client-options.js';

/**
 * A reducer that records the facts it gets and emits one event per fact, `{ event_type: 'echo', seq, fact_type }`
 * (or what `emit` returns), so tests can follow every fact onto the wire.
 */
export class EchoReducer implements FactReducer {
  readonly facts: AnalyticsFact[] = [];
  emit: (fact: AnalyticsFact, seq: number) => unknown[] = (fact, seq) => [{ event_type: 'echo', seq, fact_type: fact.type }];

  ingest(fact: AnalyticsFact): Promise<TrackEventRequest[]> {
    this.facts.push(fact);
    return Promise.resolve(this.emit(fact, this.facts.length - 1) as TrackEventRequest[]);
  }
}
