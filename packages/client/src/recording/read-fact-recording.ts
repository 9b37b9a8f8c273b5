import { StringDecoder } from 'node:string_decoder';
import { FactRecordingLineParser } from './fact-recording.js';
import type { RecordingEntry } from './fact-recording.js';

/** The longest line read (in UTF-16 units, about bytes for a recording's JSON); a longer one is skipped as an issue. */
export const MAX_RECORDING_LINE_CHARS = 256 * 1024 * 1024;

/**
 * The lines of a stream of UTF-8 chunks, numbered from 1, without their newlines. Holds one chunk and the line being
 * assembled, never the whole input: it pulls the next chunk only when the consumer asks for the next line, so a
 * `Readable` is read as fast as the lines are used (its own read-ahead is its `highWaterMark`). A line longer than
 * `maxLineChars` is not kept: it comes as `text: undefined`.
 */
export async function* recordingLines(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLineChars = MAX_RECORDING_LINE_CHARS,
): AsyncGenerator<{ line: number; text: string | undefined }> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let line = 0;
  const add = (piece: string): void => {
    if (tooLong) return;
    if (length + piece.length > maxLineChars) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const take = (): { line: number; text: string | undefined } => {
    line += 1;
    const text = tooLong ? undefined : parts.join('');
    parts = [];
    length = 0;
    tooLong = false;
    return { line, text };
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      add(text.slice(start, end));
      start = end + 1;
      yield take();
    }
    if (start < text.length) add(text.slice(start));
  }
  add(decoder.end());
  if (length > 0 || tooLong) yield take();
}

/**
 * A recording read as a stream: each line's entry (a section's header, a fact, an issue) as it is read, in file
 * order, in memory bounded by a chunk and the longest line, whatever the file's size. A fact before any header comes
 * after a section entry with no originator or runtime, as `parseFactRecording` has it.
 */
export async function* readFactRecording(input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, maxLineChars = MAX_RECORDING_LINE_CHARS): AsyncGenerator<RecordingEntry> {
  const parser = new FactRecordingLineParser();
  for await (const { line, text } of recordingLines(input, maxLineChars)) {
    if (text === undefined) {
      yield { kind: 'issue', issue: { line, message: `longer than ${maxLineChars} characters` } };
      continue;
    }
    const entry = parser.parse(text, line);
    if (entry === undefined) continue;
    if (entry.kind === 'fact') {
      const { section, started } = parser.sectionForFact();
      if (started) yield { kind: 'section', section };
    }
    yield entry;
  }
}
