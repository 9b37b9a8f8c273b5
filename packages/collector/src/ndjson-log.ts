import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CollectorLogger } from './collector-logger.js';
import { storedEventSchema } from './stored-event.js';
import type { StoredEvent } from './stored-event.js';

const newline = 0x0a;

/**
 * Reads the events of an NDJSON file written by `openNdjsonAppender`. A missing file is empty. A line that is not
 * a valid stored event is skipped with a warning; a torn last line (no final newline, as a crash mid-write leaves
 * it) is skipped too and cut off the file, so that the next append starts on a line of its own.
 */
export async function loadNdjsonLog(path: string, logger: CollectorLogger): Promise<StoredEvent[]> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  const completeLength = content.lastIndexOf(newline) + 1;
  if (completeLength < content.length) {
    logger.warn(`${path}: skipped a torn last line (${content.length - completeLength} bytes without a final newline)`);
    await truncate(path, completeLength);
  }
  const lines = content.subarray(0, completeLength).toString('utf8').split('\n');
  const events: StoredEvent[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const stored = parseLine(line);
    if (stored === undefined) {
      logger.warn(`${path}: skipped line ${index + 1}, which is not a stored event`);
      return;
    }
    events.push(stored);
  });
  return events;
}

export interface NdjsonAppender {
  /** Appends one line per event with a single write, so a crash can tear only the last line. */
  append(events: readonly StoredEvent[]): void;
  close(): void;
}

/** Opens (creating it and its folder when needed) the file for appending. */
export function openNdjsonAppender(path: string): NdjsonAppender {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a');
  let closed = false;
  return {
    append: (events) => {
      if (closed || events.length === 0) return;
      const bytes = Buffer.from(events.map((stored) => `${JSON.stringify(stored)}\n`).join(''), 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    },
    close: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

function parseLine(line: string): StoredEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = storedEventSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
