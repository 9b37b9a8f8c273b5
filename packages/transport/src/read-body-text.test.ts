import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyText } from './read-body-text.js';

const encoder = new TextEncoder();

/** A body that delivers `parts` one per read and records whether it was destroyed before its end. */
function body(...parts: Uint8Array[]): Readable & { readCount: number } {
  let index = 0;
  const stream = new Readable({
    read() {
      stream.readCount += 1;
      const part = parts[index++];
      setImmediate(() => stream.push(part ?? null));
    },
  }) as Readable & { readCount: number };
  stream.readCount = 0;
  return stream;
}

describe('readBodyText', () => {
  it('joins chunks, including a character split across them', async () => {
    const bytes = encoder.encode('héllo wörld');
    expect(await readBodyText(body(bytes.subarray(0, 2), bytes.subarray(2)), 1024)).toBe('héllo wörld');
  });

  it('keeps exactly maxBytes, stops reading and destroys the stream', async () => {
    const never = body(encoder.encode('abcdef'), encoder.encode('ghij'), encoder.encode('must not be read'));
    expect(await readBodyText(never, 8)).toBe('abcdefgh');
    expect(never.destroyed).toBe(true);
    expect(never.readCount).toBeLessThanOrEqual(3);
  });

  it('reads a body of exactly maxBytes whole', async () => {
    expect(await readBodyText(body(encoder.encode('abcd'), encoder.encode('efgh')), 8)).toBe('abcdefgh');
  });

  it('reads an empty body as empty text', async () => {
    expect(await readBodyText(body(), 8)).toBe('');
  });

  it('rejects on a stream error and on a close before the end', async () => {
    const failing = body(encoder.encode('ab'));
    const reading = readBodyText(failing, 8);
    failing.destroy(new Error('socket hang up'));
    await expect(reading).rejects.toThrow('socket hang up');
    const cut = body(encoder.encode('ab'));
    const cutReading = readBodyText(cut, 8);
    cut.destroy();
    await expect(cutReading).rejects.toThrow('closed before its end');
  });
});
