import { randomBytes } from 'node:crypto';
import { chmod, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `filePath` with `text` so that readers see either the old or the new file, never a mix:
 * the text goes to a temporary file in the same folder (mode 0600), is flushed, then renamed over the target.
 */
export async function writeFileAtomically(filePath: string, text: string): Promise<void> {
  const temporaryPath = join(dirname(filePath), `.${basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
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
    await rename(temporaryPath, filePath);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
}
