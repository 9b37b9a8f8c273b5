import type { WriteStream } from 'node:fs';
import type { CodexRuntimeMetadata, WireEra } from '@codex-analytics/events';
import type { AcceptedEvent } from '../client-events.js';
import { openRecordingFile } from './open-recording-file.js';
import { acquireRecordingLock } from './recording-lock.js';
import type { Warnings } from '../warnings.js';

/** The client's `recordFacts` option: where to append every accepted fact, as NDJSON, and how much at most. */
export interface RecordFactsOptions {
  /**
   * The file; created with mode 0600 when missing, appended to otherwise. It must be a regular file (a FIFO, a device
   * or a directory is refused, without blocking), and one client at a time records to it: the client holds
   * `<path>.lock` while it records, and a second client (in this process or another) is refused with a warning.
   */
  path: string;
  /** Bytes written by this client at most (header included); later facts are counted, not written. Default: 64 MiB. */
  maxBytes?: number;
}

/**
 * The first line of a recording (and of each client's part of an appended file): what a replay needs besides the
 * facts to reduce them to the same events.
 */
export interface FactRecordingHeader {
  codexAnalyticsFacts: 1;
  /** The default reducer's originator (`product_client_id` of skill, app and plugin events); `null` when unknown. */
  originator: string | null;
  /** The runtime block given to sub-agent thread events; `null` when unknown. */
  runtime: CodexRuntimeMetadata | null;
  /** The wire era the default reducer emitted (absent in recordings made before eras: those were the seed's). */
  wireEra?: WireEra;
}

/**
 * Every other line: one accepted fact, its enqueue number and the clock the reducer read for it (epoch ms); or, for a
 * fact that could not be written (it cannot be serialized), `notRecorded` instead of `fact`, saying why, so that the
 * recording says where it is not the truth and its replay reports the gap.
 */
export interface FactRecordingLine {
  seq: number;
  atMs: number;
  fact?: unknown;
  notRecorded?: string;
  factType?: string;
}

export interface FactRecorderStats {
  written: number;
  bytes: number;
  /** Facts not written: past `maxBytes`, after a write error, refused file, or a fact that cannot be serialized. */
  notWritten: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Appends accepted facts to an NDJSON file, bounded in bytes. The file is opened without blocking and only if it is
 * a regular file and no other client records to it (its lock); lines recorded meanwhile wait in memory (within
 * `maxBytes`). A refused, full or failing file stops the recording, said once; every fact accepted is written or
 * counted in `notWritten`.
 */
export class FactRecorder {
  readonly #maxBytes: number;
  readonly #warnings: Warnings;
  readonly #path: string;
  readonly #opened: Promise<void>;
  #stream: WriteStream | undefined;
  #releaseLock: (() => Promise<void>) | undefined;
  /** Lines recorded before the file was open, and how many of them are facts. */
  #waiting: string[] = [];
  #waitingFacts = 0;
  #bytes = 0;
  #written = 0;
  #notWritten = 0;
  #stopped = false;
  #closing: Promise<void> | undefined;

  constructor(options: RecordFactsOptions, header: FactRecordingHeader, warnings: Warnings) {
    this.#path = options.path;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#warnings = warnings;
    this.#append(`${JSON.stringify(header)}\n`);
    this.#opened = this.#open();
  }

  record(event: AcceptedEvent): void {
    if (this.#stopped) {
      this.#notWritten += 1;
      return;
    }
    let text: string;
    try {
      const line: FactRecordingLine = { seq: event.seq, atMs: event.atMs, fact: event.fact };
      text = `${JSON.stringify(line)}\n`;
    } catch (error) {
      this.#unserializable(event, errorName(error));
      return;
    }
    if (!this.#append(text)) this.#notWritten += 1;
    else if (this.#stream === undefined) this.#waitingFacts += 1;
    else this.#written += 1;
  }

  stats(): FactRecorderStats {
    // Facts waiting for the file to open count as written (handed to the writer), unless the file is then refused.
    return { written: this.#written + this.#waitingFacts, bytes: this.#bytes, notWritten: this.#notWritten };
  }

  /**
   * Ends the file and waits until it is written, then releases the lock. Never rejects. It has no deadline of its
   * own: the client's `shutdown()` waits for it within the shutdown's.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    await this.#opened;
    this.#stopped = true;
    const stream = this.#stream;
    if (stream !== undefined && !stream.destroyed) {
      await new Promise<void>((resolve) => {
        stream.once('error', () => resolve());
        stream.once('close', () => resolve());
        stream.end();
      });
    }
    await this.#releaseLock?.();
  }

  /** Takes the lock, opens the file (never blocking), and writes what waited; or refuses, said once. */
  async #open(): Promise<void> {
    const lock = await acquireRecordingLock(this.#path);
    if (!lock.ok) {
      this.#refuse(lock.reason);
      return;
    }
    this.#releaseLock = lock.release;
    const file = await openRecordingFile(this.#path);
    if (!file.ok) {
      await lock.release();
      this.#releaseLock = undefined;
      this.#refuse(file.reason);
      return;
    }
    const stream = file.handle.createWriteStream({ encoding: 'utf8' });
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.#stopped = true;
      this.#warnings.once('record_error', `fact recording to ${this.#path} failed (${error.code ?? error.name}); later facts are not recorded`);
    });
    this.#stream = stream;
    for (const line of this.#waiting) stream.write(line);
    this.#written += this.#waitingFacts;
    this.#waiting = [];
    this.#waitingFacts = 0;
  }

  #refuse(reason: string): void {
    this.#stopped = true;
    this.#notWritten += this.#waitingFacts;
    this.#waiting = [];
    this.#waitingFacts = 0;
    this.#warnings.once('record_refused', `fact recording to ${this.#path} refused: ${reason}; no facts are recorded`);
  }

  /** A fact `JSON.stringify` cannot write (nested too deep, a cycle, a BigInt): counted, said, and marked in the file. */
  #unserializable(event: AcceptedEvent, why: string): void {
    this.#notWritten += 1;
    const factType = typeof event.fact.type === 'string' ? event.fact.type : undefined;
    const marker: FactRecordingLine = { seq: event.seq, atMs: event.atMs, notRecorded: `the fact cannot be serialized (${why})`, factType };
    this.#warnings.once(
      `record_unserializable:${why}`,
      `fact #${event.seq}${factType === undefined ? '' : ` (${factType})`} not recorded to ${this.#path}: it cannot be serialized (${why}); ` +
        'the recording marks the gap and its replay reports it; later ones are counted',
    );
    this.#append(`${JSON.stringify(marker)}\n`);
  }

  #append(text: string): boolean {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#bytes + bytes > this.#maxBytes) {
      this.#stopped = true;
      this.#warnings.once('record_full', `fact recording to ${this.#path} reached its ${this.#maxBytes}-byte limit; later facts are not recorded`);
      return false;
    }
    this.#bytes += bytes;
    if (this.#stream === undefined) this.#waiting.push(text);
    else this.#stream.write(text);
    return true;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
