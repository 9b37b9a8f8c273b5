import { constants, accessSync, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Checks the `out` file before anything reads or writes it, so that a wrong path fails at once with what to do
 * instead of hanging (a FIFO or a device would block or never end a read). Throws an `Error` naming the path and
 * the reason; returns when the path is a regular file, or missing under a folder that can be created or written.
 * A symbolic link is refused: the recording would go wherever it points, with that file's mode.
 */
export function checkOutPath(path: string): void {
  const absolute = resolve(path);
  let kind: string | undefined;
  try {
    if (lstatSync(absolute).isSymbolicLink()) {
      throw new Error(`out ${path} is a symbolic link; give the path of the file itself (the recording is created 0600, for this user only)`);
    }
    const stats = statSync(absolute);
    if (stats.isFile()) {
      assertAccess(absolute, constants.R_OK | constants.W_OK, path, 'the file is not readable and writable by this user');
      return;
    }
    kind = stats.isDirectory()
      ? 'a directory'
      : stats.isFIFO()
        ? 'a named pipe (FIFO)'
        : stats.isSocket()
          ? 'a socket'
          : stats.isCharacterDevice()
            ? 'a character device'
            : stats.isBlockDevice()
              ? 'a block device'
              : 'not a regular file';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTDIR') throw new Error(`out ${path}: a parent of the path is a file, not a directory; give a path inside a directory`);
    if (code === 'EACCES') throw new Error(`out ${path}: a parent directory cannot be searched by this user; choose a path you can write`);
    if (code !== 'ENOENT') throw error;
    assertCreatable(absolute, path);
    return;
  }
  throw new Error(`out ${path} is ${kind}, not a regular file; give the path of a regular file (it is created when missing)`);
}

/** The nearest existing ancestor must be a directory this user can write (the missing folders are created in it). */
function assertCreatable(absolute: string, path: string): void {
  let folder = dirname(absolute);
  for (;;) {
    try {
      const stats = statSync(folder);
      if (!stats.isDirectory()) throw new Error(`out ${path}: ${folder} is not a directory; give a path inside a directory`);
      assertAccess(folder, constants.W_OK | constants.X_OK, path, `the directory ${folder} is not writable by this user`);
      return;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      const parent = dirname(folder);
      if (parent === folder) return;
      folder = parent;
    }
  }
}

function assertAccess(target: string, mode: number, path: string, why: string): void {
  try {
    accessSync(target, mode);
  } catch {
    throw new Error(`out ${path}: ${why}; choose a path you can write`);
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
