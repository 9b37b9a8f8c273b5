import { mkdirSync } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CollectorLogger } from './collector-logger.js';
import { nodeNdjsonFileSystem } from './ndjson-file-system.js';
import type { NdjsonFileStats, NdjsonFileSystem } from './ndjson-file-system.js';
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

/** Why an append did not put the batch in the file: nothing of it is there then, and the request gets a 503. */
export type NdjsonAppendResult =
  | { ok: true }
  | { ok: false; reason: 'vanished' | 'write_failed' | 'closed'; message: string; retryAfterSeconds: number };

export interface NdjsonAppender {
  /**
   * Appends one line per event (the batch in slices of `sliceBytes`, written in order), after checking that the path still names the open
   * file (same device and inode). A removed or replaced file, or a failed or short write, is reported (a warning
   * when a failure episode starts) and answered `{ ok: false }` with nothing of the batch left in the file: a
   * failed write is cut back to the size before it. After a removed or replaced file, the next append recreates
   * the file at the path. Appends run one at a time, in call order.
   */
  append(events: readonly StoredEvent[]): Promise<NdjsonAppendResult>;
  /** Waits for the pending appends, then closes the file; later appends answer `{ ok: false, reason: 'closed' }`. */
  close(): Promise<void>;
}

export interface NdjsonAppenderOptions {
  logger: CollectorLogger;
  /** The file operations. Default: `node:fs`. */
  fileSystem?: NdjsonFileSystem;
  /** Gives the event loop back while a large batch is serialised. Default: `setImmediate`. */
  yieldToEventLoop?: () => Promise<void>;
  /** Serialised bytes between two yields. Default: 64 KiB. */
  sliceBytes?: number;
}

/**
 * Opens (creating it `0600` with its folder when needed) the file for appending. An existing file readable by
 * others is tightened to `0600`; a symbolic link at the path is refused (nothing is written through it).
 */
export async function openNdjsonAppender(path: string, options: NdjsonAppenderOptions): Promise<NdjsonAppender> {
  const { logger, fileSystem = nodeNdjsonFileSystem, yieldToEventLoop = yieldImmediate, sliceBytes = 64 * 1024 } = options;
  mkdirSync(dirname(path), { recursive: true });
  let file: OpenFile | undefined = await openFile(path, fileSystem);
  let closed = false;
  let failing = false;
  let tail: Promise<unknown> = Promise.resolve();

  const fail = (reason: 'vanished' | 'write_failed', message: string): NdjsonAppendResult => {
    if (!failing) logger.warn(`collector: ${message}; events are answered 503 until it can be written again`);
    failing = true;
    return { ok: false, reason, message, retryAfterSeconds: reason === 'vanished' ? 1 : 5 };
  };

  const appendNow = async (events: readonly StoredEvent[]): Promise<NdjsonAppendResult> => {
    if (events.length === 0) return { ok: true };
    const slices = await serialise(events, yieldToEventLoop, sliceBytes);
    if (file === undefined) {
      try {
        file = await openFile(path, fileSystem);
        logger.warn(`collector: ${path} was created again; the events stored before are held in memory only`);
      } catch (error) {
        return fail('vanished', `the out file ${path} cannot be created again (${describe(error)})`);
      }
    }
    const { fd } = file;
    let before: NdjsonFileStats;
    try {
      before = await fileSystem.fstat(fd);
      const atPath = await fileSystem.lstat(path);
      if (atPath.dev !== before.dev || atPath.ino !== before.ino) throw Object.assign(new Error('replaced'), { code: 'REPLACED' });
    } catch (error) {
      file = undefined;
      await fileSystem.close(fd).catch(() => undefined);
      const what = errorCode(error) === 'REPLACED' ? 'was replaced by another file' : errorCode(error) === 'ENOENT' ? 'was removed' : `cannot be checked (${describe(error)})`;
      return fail('vanished', `the out file ${path} ${what}`);
    }
    try {
      for (const bytes of slices) {
        let written = 0;
        while (written < bytes.length) {
          const count = await fileSystem.write(fd, bytes, written, bytes.length - written);
          if (count <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ESHORTWRITE' });
          written += count;
        }
      }
    } catch (error) {
      try {
        await fileSystem.ftruncate(fd, before.size);
      } catch (truncateError) {
        logger.warn(`collector: could not cut ${path} back to ${before.size} bytes (${describe(truncateError)}); it may end with part of a refused batch`);
      }
      return fail('write_failed', `the out file ${path} could not be written (${describe(error)})`);
    }
    if (failing) logger.warn(`collector: the out file ${path} is written again`);
    failing = false;
    return { ok: true };
  };

  return {
    append: (events) => {
      if (closed) return Promise.resolve({ ok: false, reason: 'closed', message: 'the collector is closing', retryAfterSeconds: 1 });
      const result = tail.then(() => appendNow(events));
      tail = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      if (closed) return tail.then(() => undefined);
      closed = true;
      await tail;
      if (file !== undefined) await fileSystem.close(file.fd).catch(() => undefined);
      file = undefined;
    },
  };
}

interface OpenFile {
  fd: number;
}

async function openFile(path: string, fileSystem: NdjsonFileSystem): Promise<OpenFile> {
  let fd: number;
  try {
    fd = await fileSystem.openForAppend(path);
  } catch (error) {
    if (errorCode(error) === 'ELOOP') throw new Error(`out ${path} is a symbolic link; give the path of the file itself`);
    throw error;
  }
  try {
    const stats = await fileSystem.fstat(fd);
    if (!stats.isFile()) throw new Error(`out ${path} is not a regular file`);
    // The events hold account ids and what a session did: the file is for this user only.
    if ((stats.mode & 0o077) !== 0) await fileSystem.fchmod(fd, 0o600);
  } catch (error) {
    await fileSystem.close(fd).catch(() => undefined);
    throw error;
  }
  return { fd };
}

/**
 * The batch's lines in buffers of about `sliceBytes`, made with a yield between them (never copied into one: the
 * appender writes them one after the other and, if any write fails, cuts the file back to before the first).
 */
async function serialise(events: readonly StoredEvent[], yieldToEventLoop: () => Promise<void>, sliceBytes: number): Promise<Buffer[]> {
  const slices: Buffer[] = [];
  let lines: string[] = [];
  let sliceLength = 0;
  for (const stored of events) {
    const line = `${JSON.stringify(stored)}\n`;
    lines.push(line);
    sliceLength += line.length;
    if (sliceLength >= sliceBytes) {
      slices.push(Buffer.from(lines.join(''), 'utf8'));
      lines = [];
      sliceLength = 0;
      await yieldToEventLoop();
    }
  }
  if (lines.length > 0) slices.push(Buffer.from(lines.join(''), 'utf8'));
  return slices;
}

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

function describe(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
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
