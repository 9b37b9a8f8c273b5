import { describe, expect, it } from 'vitest';
import { FactQueue } from './fact-queue.js';

describe('FactQueue', () => {
  it('keeps order across growth and wrap-around, and tracks bytes', () => {
    const queue = new FactQueue();
    for (let index = 0; index < 700; index += 1) queue.push(index, 2);
    for (let index = 0; index < 600; index += 1) expect(queue.shift()?.fact).toBe(index);
    for (let index = 700; index < 5000; index += 1) queue.push(index, 2);
    expect(queue.length).toBe(4400);
    expect(queue.bytes).toBe(8800);
    const seen: unknown[] = [];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) seen.push(item.fact);
    expect(seen).toEqual(Array.from({ length: 4400 }, (_, index) => index + 600));
    expect(queue.bytes).toBe(0);
  });

  it('clears and reports how many facts it held', () => {
    const queue = new FactQueue();
    queue.push('a', 10);
    queue.push('b', 10);
    expect(queue.clear()).toBe(2);
    expect(queue.length).toBe(0);
    expect(queue.bytes).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });
});
