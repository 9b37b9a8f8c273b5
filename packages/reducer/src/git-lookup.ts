import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository that holds a path: its root, and the URL of its `origin` remote (null when there is none). */
export interface GitRepoInfo {
  repoRoot: string;
  repoUrl: string | null;
}

/** Finds the repository that holds a skill file; `undefined` when the file is not in a repository. */
export type GitLookup = (skillPath: string) => Promise<GitRepoInfo | undefined>;

export interface GitLookupOptions {
  /** Whether a path exists (used to find `.git`). Default: `fs.existsSync`. */
  pathExists?: (path: string) => boolean;
  /** Runs git in a folder and resolves with its trimmed stdout, or `undefined` on any failure. Default: the `git` binary. */
  runGit?: (cwd: string, args: readonly string[]) => Promise<string | undefined>;
  /** How many repository roots keep their remote URL cached. Default: 256. */
  maxCachedRoots?: number;
}

const GIT_TIMEOUT_MS = 5_000;

function runGitBinary(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim());
    });
  });
}

/** The nearest folder at or above `path` that contains `.git`, as upstream `get_git_repo_root` finds it. */
export function findGitRepoRoot(path: string, pathExists: (path: string) => boolean = existsSync): string | undefined {
  let current = path;
  for (;;) {
    if (pathExists(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The default git lookup: walks up to the repository root, then asks git for the `origin` URL once per root
 * (concurrent lookups of one root share the answer; the cache keeps the most recent roots).
 */
export function createGitLookup(options: GitLookupOptions = {}): GitLookup {
  const pathExists = options.pathExists ?? existsSync;
  const runGit = options.runGit ?? runGitBinary;
  const maxCachedRoots = options.maxCachedRoots ?? 256;
  const urlsByRoot = new Map<string, Promise<string | null>>();

  return async (skillPath) => {
    const repoRoot = findGitRepoRoot(skillPath, pathExists);
    if (repoRoot === undefined) return undefined;
    let repoUrl = urlsByRoot.get(repoRoot);
    if (repoUrl === undefined) {
      repoUrl = runGit(repoRoot, ['remote', 'get-url', 'origin']).then((url) => (url ? url : null));
      if (urlsByRoot.size >= maxCachedRoots) {
        const oldest = urlsByRoot.keys().next().value;
        if (oldest !== undefined) urlsByRoot.delete(oldest);
      }
      urlsByRoot.set(repoRoot, repoUrl);
    }
    return { repoRoot, repoUrl: await repoUrl };
  };
}
