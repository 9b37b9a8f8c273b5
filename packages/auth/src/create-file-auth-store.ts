import { stat } from 'node:fs/promises';
import type { AuthLogger } from './auth-logger.js';
import type { AuthSnapshot, AuthStore } from './auth-store.js';
import { errorCode } from './error-code.js';
import { parseAuthFile } from './parse-auth-file.js';
import { fileKind, MAX_AUTH_FILE_BYTES, readRegularFile } from './read-regular-file.js';
import type { ReadRegularFileResult } from './read-regular-file.js';
import { withFileLock } from './with-file-lock.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface FileAuthStoreOptions {
  /** The `auth.json` to read and update. */
  filePath: string;
  logger: AuthLogger;
}

const noAuth: AuthSnapshot = Object.freeze({ auth: undefined, agentIdentity: undefined });

/**
 * `auth.json` on disk. `load` is cached and re-reads the file when its identity, size, mtime or ctime change
 * (another Codex process refreshed the tokens or logged out). A missing file is no auth; an unreadable or
 * malformed one is no auth plus one warning per distinct content. Only a regular file of at most 1 MiB is read
 * (a symlink is followed): a FIFO, a device or a directory is no auth with one warning, never a hang, and a larger
 * file is never read whole. Updates hold `<file>.lock` and write through a symlink to its target.
 */
export function createFileAuthStore({ filePath, logger }: FileAuthStoreOptions): AuthStore {
  let cache: { fingerprint: string; text: string; snapshot: AuthSnapshot } | undefined;
  let lastReadProblem: string | undefined;
  let loading: Promise<AuthSnapshot> | undefined;

  const warnOnce = (problem: string, message: string): AuthSnapshot => {
    if (problem !== lastReadProblem) {
      lastReadProblem = problem;
      logger.warn(message);
    }
    cache = undefined;
    return noAuth;
  };
  const warnReadProblem = (error: unknown): AuthSnapshot => {
    const problem = errorCode(error) ?? 'unknown error';
    return warnOnce(problem, `cannot read ${filePath} (${problem}); continuing without credentials`);
  };
  const warnUnusable = (result: Exclude<ReadRegularFileResult, { ok: true }>): AuthSnapshot =>
    warnOnce(`${result.problem}:${result.problem === 'not_regular' ? result.kind : ''}`, `ignoring ${filePath}: ${describeUnusable(result)}; continuing without credentials`);

  const readSnapshot = async (): Promise<AuthSnapshot> => {
    let fingerprint: string;
    let text: string;
    try {
      const stats = await stat(filePath, { bigint: true });
      fingerprint = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
      if (cache?.fingerprint === fingerprint) return cache.snapshot;
      // Checked before opening too, so that a FIFO is never opened at all.
      if (!stats.isFile()) return warnUnusable({ ok: false, problem: 'not_regular', kind: fileKind(stats) });
      const read = await readRegularFile(filePath);
      if (!read.ok) return warnUnusable(read);
      text = read.text;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        cache = undefined;
        lastReadProblem = undefined;
        return noAuth;
      }
      return warnReadProblem(error);
    }
    lastReadProblem = undefined;
    if (cache?.text === text) {
      cache.fingerprint = fingerprint;
      return cache.snapshot;
    }
    const result = parseAuthFile(text);
    if (!result.ok) {
      logger.warn(`ignoring ${filePath}: field "${result.field}" ${result.problem}; continuing without credentials`);
    }
    const snapshot = result.ok ? result.contents : noAuth;
    cache = { fingerprint, text, snapshot };
    return snapshot;
  };

  return {
    load: () => {
      // One read at a time, so that concurrent callers share it and a malformed file is reported once.
      loading ??= readSnapshot().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    updateAgentIdentity: (update) =>
      withFileLock(`${filePath}.lock`, async () => {
        let read: ReadRegularFileResult;
        try {
          read = await readRegularFile(filePath);
        } catch (error) {
          throw new Error(`cannot read ${filePath} (${errorCode(error) ?? 'unknown error'}); the agent identity was not saved`);
        }
        if (!read.ok) throw new Error(`cannot use ${filePath}: ${describeUnusable(read)}; the agent identity was not saved`);
        const text = read.text;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new Error(`${filePath} is not valid JSON; the agent identity was not saved`);
        }
        if (typeof json !== 'object' || json === null || Array.isArray(json)) {
          throw new Error(`${filePath} does not hold a JSON object; the agent identity was not saved`);
        }
        const current = json as Record<string, unknown>;
        const change = update(current.agent_identity);
        if (change === undefined) return current.agent_identity;
        const { agent_identity: _previous, ...others } = current;
        const next = change.next === undefined ? others : { ...others, agent_identity: change.next };
        await writeFileAtomically(filePath, `${JSON.stringify(next, null, 2)}\n`);
        return change.next;
      }),
  };
}

function describeUnusable(result: Exclude<ReadRegularFileResult, { ok: true }>): string {
  if (result.problem === 'not_regular') return `it is a ${result.kind}, not a regular file`;
  return `it is larger than ${MAX_AUTH_FILE_BYTES / (1024 * 1024)} MiB (${result.size} bytes)`;
}
