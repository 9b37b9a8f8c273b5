import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { CodexRuntimeMetadata } from '@codex-analytics/events';
import type { AcceptedEvent } from './client-events.js';
import type { Warnings } from './warnings.js';

/** The client's `recordFacts` option: where to append every accepted fact, as NDJSON, and how much at most. */
export interface RecordFactsOptions {
  /** The file; created with mode 0600 when missing, appended to otherwise. */
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
}

/** Every other line: one accepted fact, its enqueue number and the clock the reducer read for it (epoch ms). */
export interface FactRecordingLine {
  seq: number;
  atMs: number;
  fact: unknown;
}

export interface FactRecorderStats {
  written: number;
  bytes: number;
  /** Facts not written: past `maxBytes`, or after a write error. */
  notWritten: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Appends accepted facts to an NDJSON file, bounded in bytes; a full or failing file stops the recording, said once. */
export class FactRecorder {
  readonly #stream: WriteStream;
  readonly #maxBytes: number;
  readonly #warnings: Warnings;
  readonly #path: string;
  #bytes = 0;
  #written = 0;
  #notWritten = 0;
  #stopped = false;
  #closing: Promise<void> | undefined;

  constructor(options: RecordFactsOptions, header: FactRecordingHeader, warnings: Warnings) {
    this.#path = options.path;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#warnings = warnings;
    this.#stream = createWriteStream(options.path, { flags: 'a', mode: 0o600 });
    this.#stream.on('error', (error: NodeJS.ErrnoException) => {
      this.#stopped = true;
      this.#warnings.once('record_error', `fact recording to ${this.#path} failed (${error.code ?? error.name}); later facts are not recorded`);
    });
    this.#append(`${JSON.stringify(header)}\n`);
  }

  record(event: AcceptedEvent): void {
    if (this.#stopped) {
      this.#notWritten += 1;
      return;
    }
    const line: FactRecordingLine = { seq: event.seq, atMs: event.atMs, fact: event.fact };
    if (this.#append(`${JSON.stringify(line)}\n`)) this.#written += 1;
    else this.#notWritten += 1;
  }

  stats(): FactRecorderStats {
    return { written: this.#written, bytes: this.#bytes, notWritten: this.#notWritten };
  }

  /** Ends the file and waits until it is written. Never rejects. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#stopped = true;
      this.#stream.once('error', () => resolve());
      this.#stream.end(() => resolve());
    });
    return this.#closing;
  }

  #append(text: string): boolean {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#bytes + bytes > this.#maxBytes) {
      this.#stopped = true;
      this.#warnings.once('record_full', `fact recording to ${this.#path} reached its ${this.#maxBytes}-byte limit; later facts are not recorded`);
      return false;
    }
    this.#bytes += bytes;
    this.#stream.write(text);
    return true;
  }
}
