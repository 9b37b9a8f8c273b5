import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peekJsonRpcEnvelope } from './peek-json-rpc-envelope.js';

describe('peekJsonRpcEnvelope', () => {
  it('reads the leading plain members and stops at the first object or array', () => {
    expect(peekJsonRpcEnvelope('{"method":"item/agentMessage/delta","params":{"delta":"x"}}')).toEqual({
      hasMethod: true,
      method: 'item/agentMessage/delta',
      hasId: false,
      container: 'params',
    });
    expect(peekJsonRpcEnvelope(' { "jsonrpc" : "2.0" , "id" : 12 , "result" : [] }')).toEqual({ hasMethod: false, hasId: true, id: 12, container: 'result' });
    expect(peekJsonRpcEnvelope('{"id":"a\\"b","method":"x"}')).toEqual({ hasMethod: true, method: 'x', hasId: true, id: 'a"b' });
  });

  it('cannot tell (undefined) for what only a full parse reads right', () => {
    for (const text of ['[1]', '{not json', '{"me\\u0074hod":"x","params":{}}', '{"method":"a","method":"b","params":{}}', '{"id":1', '']) {
      expect(peekJsonRpcEnvelope(text)).toBeUndefined();
    }
  });

  // Invariant: whenever the peek answers, it agrees with JSON.parse on `method` and `id`, and says no method only
  // when the message has none before its first object or array member.
  it('property: agrees with JSON.parse whenever it answers, and never throws', () => {
    const key = fc.constantFrom('jsonrpc', 'id', 'method', 'params', 'result', 'error', 'x', 'méthod');
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.anything());
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: 7 }), fc.string(), (members, garbage) => {
        expect(() => peekJsonRpcEnvelope(garbage)).not.toThrow();
        const record = Object.fromEntries(members) as Record<string, unknown>;
        const text = JSON.stringify(record);
        const peek = peekJsonRpcEnvelope(text);
        if (peek === undefined) return;
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const names = Object.keys(parsed);
        const stop = peek.container === undefined ? names.length : names.indexOf(peek.container);
        const leading = names.slice(0, stop);
        expect(peek.hasMethod).toBe(leading.includes('method'));
        expect(peek.hasId).toBe(leading.includes('id'));
        if (peek.hasMethod && typeof parsed.method === 'string' && parsed.method.length < 1_000) expect(peek.method).toBe(parsed.method);
        if (peek.hasMethod && typeof parsed.method !== 'string') expect(peek.method).toEqual(parsed.method);
        if (peek.hasId) expect(peek.id).toEqual(parsed.id);
      }),
      { numRuns: 1_000 },
    );
  });
});
