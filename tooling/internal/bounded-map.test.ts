import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map.js';

describe('BoundedMap', () => {
  it('evicts the least recently written entry when full, and counts it', () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(2, (key) => evicted.push(key));
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect(evicted).toEqual(['b']);
    expect(map.evicted).toBe(1);
    expect(map.size).toBe(2);
    expect(map.get('a')).toBe(3);
    expect(map.has('b')).toBe(false);
  });

  it('take removes and returns', () => {
    const map = new BoundedMap<string, number>(4);
    map.set('a', 1);
    expect(map.take('a')).toBe(1);
    expect(map.take('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('rejects a capacity below one', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});
