import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export type OpenRecordingFileResult = { ok: true; handle: FileHandle } | { ok: false; reason: string };

/**
 * Opens a recording for appending without ever blocking on what is not a regular file: `O_NONBLOCK` (a FIFO with no
 * reader fails at once with `ENXIO` instead of hanging a libuv thread in `open(2)`, one with a reader opens), then
 * `fstat` on that same handle refuses anything but a regular file (a FIFO, a device, a directory, a socket), so
 * nothing is swapped in between. Created with mode 0600 when missing; symlinks are followed. Never rejects.
 */
export async function openRecordingFile(path: string): Promise<OpenRecordingFileResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o600);
  } catch (error) {
    const code = errorCode(error);
    return { ok: false, reason: code === 'ENXIO' ? 'it is not a regular file (ENXIO: a FIFO or a device)' : `it cannot be opened (${code})` };
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { ok: true, handle };
    await handle.close().catch(() => undefined);
    return { ok: false, reason: `it is not a regular file (${fileKind(stats)})` };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { ok: false, reason: `it cannot be checked (${errorCode(error)})` };
  }
}

/** What a path that is not a regular file is, for a warning. */
export function fileKind(stats: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}
