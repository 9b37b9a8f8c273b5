import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';

/** Largest `auth.json` read: Codex writes a few kilobytes; anything larger is not a credentials file. */
export const MAX_AUTH_FILE_BYTES = 1024 * 1024;

export type ReadRegularFileResult =
  | { ok: true; text: string; stats: BigIntStats }
  /** `kind` names what the path is when it is not a regular file (`fifo`, `directory`, `character device`, ...). */
  | { ok: false; problem: 'not_regular'; kind: string }
  | { ok: false; problem: 'too_large'; size: bigint };

/**
 * Reads a regular file of at most `maxBytes`, following symlinks, without ever blocking on what is not one: the file
 * is opened with `O_NONBLOCK` (so a FIFO or a device never hangs the open), checked with `fstat` on that same handle
 * (so it cannot be swapped between the check and the read), and read no further than `maxBytes + 1` bytes (a file
 * that grows while being read is still capped). Other errors (`ENOENT`, `EACCES`, ...) reject as from `open`.
 */
export async function readRegularFile(path: string, maxBytes = MAX_AUTH_FILE_BYTES): Promise<ReadRegularFileResult> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat({ bigint: true });
    if (!stats.isFile()) return { ok: false, problem: 'not_regular', kind: fileKind(stats) };
    if (stats.size > BigInt(maxBytes)) return { ok: false, problem: 'too_large', size: stats.size };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { ok: false, problem: 'too_large', size: BigInt(length) };
    }
    return { ok: true, text: buffer.toString('utf8', 0, length), stats };
  } finally {
    await handle.close();
  }
}

/** What a path that is not a regular file is, for a warning. */
export function fileKind(stats: Pick<BigIntStats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  return 'not a regular file';
}
