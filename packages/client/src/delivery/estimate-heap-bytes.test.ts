import { describe, expect, it } from 'vitest';
import { estimateHeapBytes } from './estimate-heap-bytes.js';

describe('estimateHeapBytes', () => {
  const fact = {
    type: 'app_used',
    tracking: { modelSlug: 'gpt-5.1-codex-max', threadId: '0199b8c2-7d4e-7f31-9a6b-005e00001eef', turnId: '0199b8c3-1f2e-7a02-b3c4-000000000042' },
    app: { connectorId: 'connector_68df038e0ba48191908c8434991bbac0', appName: 'Google Drive', invocationType: 'explicit' },
  };

  it('counts object headers and slots on top of the characters, so it exceeds the JSON size of a small fact', () => {
    const json = JSON.stringify(fact).length;
    const heap = estimateHeapBytes(fact);
    expect(heap).toBeGreaterThan(json);
    expect(heap).toBeLessThan(json * 2.5);
  });

  it('grows with long strings and arrays, and counts small integers and shared constants as slots only', () => {
    expect(estimateHeapBytes({ text: 'x'.repeat(10_000) })).toBeGreaterThan(10_000);
    expect(estimateHeapBytes(Array.from({ length: 100 }, () => 'abc'))).toBeGreaterThan(100 * 8 + 100 * 16);
    expect(estimateHeapBytes({ a: 1, b: true, c: null })).toBe(24 + 3 * 8);
    expect(estimateHeapBytes({ a: 1.5 })).toBe(24 + 8 + 16);
  });

  it('extrapolates an array longer than its walk, so a 50,000-item list fact is not taken for a 4,096-node one', () => {
    const mention = (index: number) => ({ connectorId: `connector_${index}`, appName: 'Calendar', invocationType: 'explicit' });
    const fact = (count: number) => ({
      type: 'app_mentioned',
      tracking: { modelSlug: 'gpt-5', threadId: 't', turnId: 'u' },
      mentions: Array.from({ length: count }, (_, index) => mention(index)),
    });
    const small = estimateHeapBytes(fact(500));
    const large = estimateHeapBytes(fact(50_000));
    // 100 times the items: 100 times the estimate, within the rounding of the walked sample.
    expect(large / small).toBeGreaterThan(90);
    expect(large / small).toBeLessThan(110);
    expect(large).toBeGreaterThan(JSON.stringify(fact(50_000)).length);
  });

  it('terminates on a cycle and on huge inputs, with a bounded cost: at most 4,096 values read, 8 levels deep', () => {
    // Every property read and key listing of the walked values is counted through proxies.
    let reads = 0;
    let deepest = 0;
    const watched = <T extends object>(target: T, depth: number): T =>
      new Proxy(target, {
        get: (object, key, receiver) => {
          reads += 1;
          deepest = Math.max(deepest, depth);
          const value: unknown = Reflect.get(object, key, receiver);
          return typeof value === 'object' && value !== null ? watched(value, depth + 1) : value;
        },
        ownKeys: (object) => {
          reads += 1;
          return Reflect.ownKeys(object);
        },
      });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(estimateHeapBytes(watched(cyclic, 0))).toBeGreaterThan(0);
    expect(deepest).toBeLessThanOrEqual(8);
    reads = 0;
    const huge = Array.from({ length: 100_000 }, (_, i) => ({ i, name: `item-${i}` }));
    const estimate = estimateHeapBytes(watched(huge, 0));
    expect(Number.isFinite(estimate)).toBe(true);
    // The walk stops at its node budget (each value costs a read or two), not at the 100,000 items.
    expect(reads).toBeLessThan(3 * 4_096);
    expect(estimate).toBeGreaterThan(JSON.stringify(huge.slice(0, 1_000)).length * 50);
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    reads = 0;
    expect(estimateHeapBytes(watched(sparse, 0))).toBeGreaterThan(1e9);
    expect(reads).toBeLessThan(3 * 4_096);
  });
});
