import { describe, expect, it } from 'vitest';
import { DEDUPE_MAX_KEYS, DedupeKeys } from './dedupe-keys.js';

describe('DedupeKeys', () => {
  it('accepts a key once per (turn, id)', () => {
    const keys = new DedupeKeys();
    expect(keys.insert('turn-1', 'a')).toBe(true);
    expect(keys.insert('turn-1', 'a')).toBe(false);
    expect(keys.insert('turn-2', 'a')).toBe(true);
    expect(keys.insert('turn-1', 'b')).toBe(true);
  });

  it('does not confuse pairs whose concatenations are equal', () => {
    const keys = new DedupeKeys();
    expect(keys.insert('ab', 'c')).toBe(true);
    expect(keys.insert('a', 'bc')).toBe(true);
  });

  it('clears the whole set when it is full, like upstream', () => {
    const keys = new DedupeKeys();
    for (let index = 0; index < DEDUPE_MAX_KEYS; index += 1) expect(keys.insert('turn', `id-${index}`)).toBe(true);
    expect(keys.size).toBe(DEDUPE_MAX_KEYS);
    expect(keys.insert('turn', 'id-0')).toBe(true);
    expect(keys.size).toBe(1);
  });
});

describe('DedupeKeys with many ids per turn', () => {
  it('counts every pair toward the cap', () => {
    const keys = new DedupeKeys(4);
    expect(keys.insert('turn', 'a')).toBe(true);
    expect(keys.insert('turn', 'b')).toBe(true);
    expect(keys.insert('turn', 'c')).toBe(true);
    expect(keys.insert('turn', 'b')).toBe(false);
    expect(keys.insert('other', 'b')).toBe(true);
    expect(keys.size).toBe(4);
    // Full: cleared before the next insert, even a repeat's.
    expect(keys.insert('turn', 'c')).toBe(true);
    expect(keys.size).toBe(1);
    expect(keys.insert('turn', 'a')).toBe(true);
    expect(keys.insert('turn', 'a')).toBe(false);
  });
});
