import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

/**
 * Reads a response body as UTF-8 text, keeping at most `maxBytes`. When the cap is reached the rest is not read:
 * the stream (and so its socket) is destroyed, so a huge body cannot fill memory.
 *
 * Listens to `data`/`end` directly rather than iterating with `for await`: per request, an async iterator costs a
 * promise per chunk plus an end-of-stream watcher, which showed in the profile of a steady trickle of small requests.
 */
export function readBodyText(body: Readable, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let remaining = maxBytes;
    let settled = false;
    const finish = (error: Error | undefined, result?: string): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('close', onClose);
      if (error === undefined) resolve(result ?? '');
      else reject(error);
    };
    const onData = (chunk: Uint8Array): void => {
      if (chunk.byteLength > remaining) {
        text += decoder.decode(chunk.subarray(0, remaining));
        finish(undefined, text);
        body.destroy();
        return;
      }
      remaining -= chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    };
    const onEnd = (): void => finish(undefined, text + decoder.decode());
    // Stays attached after the result: a stream destroyed once the cap is reached may still emit an error.
    const onError = (error: unknown): void => finish(error instanceof Error ? error : new Error(String(error)));
    // Closed without `end` (destroyed by an abort that raised no error): what arrived is incomplete.
    const onClose = (): void => finish(new Error('the response body closed before its end'));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}
