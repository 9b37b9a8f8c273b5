import { close, constants, fchmod, fstat, ftruncate, lstat, open, write } from 'node:fs';
import { promisify } from 'node:util';

/** What a file's identity and size are, as `fstat`/`lstat` tell them. */
export interface NdjsonFileStats {
  dev: number;
  ino: number;
  size: number;
  mode: number;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * The file operations the NDJSON appender uses, by file descriptor. Injected (the appender's `fileSystem` option) so
 * that a full disk, a short write or a failed truncate can be tested; the default is `node:fs`.
 */
export interface NdjsonFileSystem {
  /** Opens `path` for appending (created `0600` when missing, never through a symbolic link); resolves with the fd. */
  openForAppend(path: string): Promise<number>;
  fstat(fd: number): Promise<NdjsonFileStats>;
  /** Like `lstat(2)`: a symbolic link is described, not followed. */
  lstat(path: string): Promise<NdjsonFileStats>;
  /** Writes `length` bytes of `buffer` from `offset`; resolves with how many were written (may be fewer). */
  write(fd: number, buffer: Buffer, offset: number, length: number): Promise<number>;
  ftruncate(fd: number, size: number): Promise<void>;
  fchmod(fd: number, mode: number): Promise<void>;
  close(fd: number): Promise<void>;
}

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const lstatAsync = promisify(lstat);
const ftruncateAsync = promisify(ftruncate);
const fchmodAsync = promisify(fchmod);
const closeAsync = promisify(close);

/** `O_NOFOLLOW`: a symbolic link at the path makes the open fail (`ELOOP`) instead of writing to its target. */
const appendFlags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

export const nodeNdjsonFileSystem: NdjsonFileSystem = {
  openForAppend: (path) => openAsync(path, appendFlags, 0o600),
  fstat: (fd) => fstatAsync(fd),
  lstat: (path) => lstatAsync(path),
  write: (fd, buffer, offset, length) =>
    new Promise((resolve, reject) => {
      write(fd, buffer, offset, length, null, (error, written) => (error === null ? resolve(written) : reject(error)));
    }),
  ftruncate: (fd, size) => ftruncateAsync(fd, size),
  fchmod: (fd, mode) => fchmodAsync(fd, mode),
  close: (fd) => closeAsync(fd),
};
