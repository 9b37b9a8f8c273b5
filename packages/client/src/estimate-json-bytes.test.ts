import { describe, expect, it } from 'vitest';
import { estimateJsonBytes } from './estimate-json-bytes.js';

describe('estimateJsonBytes', () => {
  it('is close to the serialized length of a typical fact', () => {
    const fact = {
      type: 'app_used',
      tracking: { modelSlug: 'gpt-5', threadId: 'thread-0123456789', turnId: 'turn-0123456789' },
      app: { connectorId: 'connector_calendar', appName: 'Calendar', invocationType: 'implicit' },
    };
    const exact = JSON.stringify(fact).length;
    const estimated = estimateJsonBytes(fact);
    expect(estimated).toBeGreaterThanOrEqual(exact * 0.8);
    expect(estimated).toBeLessThanOrEqual(exact * 1.5);
  });

  it('grows with long strings and arrays', () => {
    expect(estimateJsonBytes({ text: 'x'.repeat(10_000) })).toBeGreaterThan(10_000);
    expect(estimateJsonBytes(Array.from({ length: 100 }, () => 'abc'))).toBeGreaterThan(500);
  });

  it('terminates on a cycle and on huge inputs', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(estimateJsonBytes(cyclic)).toBeGreaterThan(0);
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    expect(estimateJsonBytes(sparse)).toBeGreaterThan(0);
  });

  it('extrapolates an array longer than its walk, so a 50,000-item list fact is not taken for a 4,096-node one', () => {
    const mentions = Array.from({ length: 50_000 }, (_, index) => ({
      connectorId: `connector_${index}`,
      appName: 'Calendar',
      invocationType: 'explicit',
    }));
    const fact = { type: 'app_mentioned', tracking: { modelSlug: 'gpt-5', threadId: 't', turnId: 'u' }, mentions };
    const exact = JSON.stringify(fact).length;
    const estimated = estimateJsonBytes(fact);
    expect(estimated).toBeGreaterThanOrEqual(exact * 0.8);
    expect(estimated).toBeLessThanOrEqual(exact * 1.5);
  });

  it('counts scalars', () => {
    expect(estimateJsonBytes(null)).toBe(4);
    expect(estimateJsonBytes(undefined)).toBe(4);
    expect(estimateJsonBytes(12)).toBe(8);
    expect(estimateJsonBytes(true)).toBe(5);
    expect(estimateJsonBytes('ab')).toBe(4);
  });
});
