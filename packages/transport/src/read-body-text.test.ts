import { describe, expect, it } from 'vitest';
import { readBodyText } from './read-body-text.js';

const encoder = new TextEncoder();

function chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> & { returned: boolean } {
  const source = {
    returned: false,
    async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
      try {
        for (const part of parts) yield await Promise.resolve(part);
      } finally {
        source.returned = true;
      }
    },
  };
  return source;
}

describe('readBodyText', () => {
  it('joins chunks, including a character split across them', async () => {
    const bytes = encoder.encode('héllo wörld');
    expect(await readBodyText(chunks(bytes.subarray(0, 2), bytes.subarray(2)), 1024)).toBe('héllo wörld');
  });

  it('keeps exactly maxBytes and stops reading', async () => {
    const never = chunks(encoder.encode('abcdef'), encoder.encode('ghij'), encoder.encode('must not be read'));
    expect(await readBodyText(never, 8)).toBe('abcdefgh');
    expect(never.returned).toBe(true);
  });

  it('reads a body of exactly maxBytes whole', async () => {
    expect(await readBodyText(chunks(encoder.encode('abcd'), encoder.encode('efgh')), 8)).toBe('abcdefgh');
  });
});
