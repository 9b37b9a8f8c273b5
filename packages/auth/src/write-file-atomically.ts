import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './error-code.js';

/**
 * Replaces `filePath` with `text` so that readers see either the old or the new file, never a mix:
 * the text goes to a temporary file in the same folder (mode 0600), is flushed, then renamed over the target.
 * A symlink is written through: its final target is replaced and the link stays (a dotfiles setup that links
 * `auth.json` elsewhere keeps working).
 */
export async function writeFileAtomically(filePath: string, text: string): Promise<void> {
  const targetPath = await resolveTarget(filePath);
  const temporaryPath = join(dirname(targetPath), `.${basename(targetPath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporaryPath, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The creation mode is filtered by the umask; make the result exactly 0600 whatever it is.
    await chmod(temporaryPath, 0o600);
    await rename(temporaryPath, targetPath);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
}

/** The path a write lands on: the final target of a symlink chain, or the path itself when it does not exist yet. */
async function resolveTarget(filePath: string): Promise<string> {
  try {
    return await realpath(filePath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return filePath;
    throw error;
  }
}
