import { TextDecoder } from 'node:util';

/**
 * Reads a response body as UTF-8 text, keeping at most `maxBytes`. When the cap is reached the rest is
 * not read: leaving the loop destroys the stream (and its socket), so a huge body cannot fill memory.
 */
export async function readBodyText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let remaining = maxBytes;
  for await (const chunk of body) {
    if (chunk.byteLength > remaining) {
      text += decoder.decode(chunk.subarray(0, remaining));
      return text;
    }
    remaining -= chunk.byteLength;
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
