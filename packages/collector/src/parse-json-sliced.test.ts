import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJsonSliced } from './parse-json-sliced.js';

/** What `JSON.parse` says of the text: the value, or that it failed. */
function reference(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** JSON text, indented in different ways (whitespace between every token). */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2, '\t', ' \r\n'))
  .map(([value, space]) => JSON.stringify(value, null, space));

describe('parseJsonSliced', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the value JSON.parse gives, for any JSON text and any slice size', async () => {
    await fc.assert(
      fc.asyncProperty(jsonText, fc.integer({ min: 1, max: 64 }), async (text, sliceBytes) => {
        const parsed = await parseJsonSliced(Buffer.from(text), { sliceBytes, yieldToEventLoop: () => Promise.resolve() });
        expect(parsed).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it('fails exactly when JSON.parse fails, for any text one edit away from JSON', async () => {
    const edited = fc
      .tuple(jsonText, fc.nat(), fc.constantFrom('', ',', ']', '}', '[', '{', '"', ':', 'x', '1', ' ', '\\'))
      .map(([text, at, insert]) => {
        const index = at % (text.length + 1);
        return `${text.slice(0, index)}${insert}${text.slice(index + (insert === '' ? 1 : 0))}`;
      });
    await fc.assert(
      fc.asyncProperty(edited, fc.integer({ min: 1, max: 32 }), async (text, sliceBytes) => {
        const parsed = await parseJsonSliced(Buffer.from(text), { sliceBytes, yieldToEventLoop: () => Promise.resolve() });
        const expected = reference(text);
        expect(parsed.ok).toBe(expected.ok);
        if (expected.ok && parsed.ok) expect(parsed.value).toEqual(expected.value);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps __proto__ as an own key and the last of duplicate keys, as JSON.parse does', async () => {
    const text = `{"__proto__": {"polluted": true}, "a": 1, "a": [${'2,'.repeat(50)}3]}`;

    const parsed = await parseJsonSliced(Buffer.from(text), { sliceBytes: 8 });

    expect(parsed).toEqual({ ok: true, value: JSON.parse(text) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says what JSON.parse says of a structural error, with its position', async () => {
    const events = `{"events": [${'{"a":1},'.repeat(20)}{"a":2} {"a":3}]}`;
    const message = (text: string) => parseJsonSliced(Buffer.from(text), { sliceBytes: 4 }).then((parsed) => (parsed.ok ? '' : parsed.message));
    const original = (text: string) => (reference(text).ok ? '' : (() => { try { JSON.parse(text); } catch (error) { return (error as Error).message; } return ''; })());

    for (const text of [events, `${events.slice(0, -1)}`, `${events}x`, `{"a" 1, ${'"b":2,'.repeat(10)}"c":3}`, `[${'1,'.repeat(30)},1]`]) {
      expect(await message(text)).toBe(original(text));
    }
  });

  it('never hands the whole of a large body to JSON.parse, and gives the event loop back many times', async () => {
    const body = Buffer.from(JSON.stringify({ events: Array.from({ length: 5000 }, (_, index) => ({ event_type: 'codex_hook_run', index, text: 'x'.repeat(100) })) }));
    const parse = vi.spyOn(JSON, 'parse');
    let yields = 0;

    const parsed = await parseJsonSliced(body, { sliceBytes: 16 * 1024, yieldToEventLoop: () => Promise.resolve(void (yields += 1)) });

    expect(parsed.ok).toBe(true);
    const longest = Math.max(...parse.mock.calls.map(([text]) => text.length));
    expect(longest).toBeLessThanOrEqual(16 * 1024);
    expect(yields).toBeGreaterThan(body.length / (16 * 1024) - 2);
  });
});
