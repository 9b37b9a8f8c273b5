import { describe, expect, it } from 'vitest';
import { createGitLookup, findGitRepoRoot } from './git-lookup.js';

describe('findGitRepoRoot', () => {
  it('finds the nearest folder holding .git', () => {
    const exists = (path: string) => path === '/work/repo/.git';
    expect(findGitRepoRoot('/work/repo/.codex/skills/doc/SKILL.md', exists)).toBe('/work/repo');
    expect(findGitRepoRoot('/elsewhere/SKILL.md', exists)).toBeUndefined();
  });
});

describe('createGitLookup', () => {
  it('asks git once per repository root and shares the answer', async () => {
    const calls: string[] = [];
    const lookup = createGitLookup({
      pathExists: (path) => path === '/work/repo/.git',
      runGit: (cwd, args) => {
        calls.push(`${cwd} ${args.join(' ')}`);
        return Promise.resolve('https://github.com/openai/codex.git');
      },
    });
    const [first, second] = await Promise.all([lookup('/work/repo/a/SKILL.md'), lookup('/work/repo/b/SKILL.md')]);
    expect(first).toEqual({ repoRoot: '/work/repo', repoUrl: 'https://github.com/openai/codex.git' });
    expect(second).toEqual(first);
    expect(calls).toEqual(['/work/repo remote get-url origin']);
    expect(await lookup('/tmp/SKILL.md')).toBeUndefined();
  });

  it('reports a repository without a remote as a null URL', async () => {
    const lookup = createGitLookup({ pathExists: (path) => path === '/r/.git', runGit: () => Promise.resolve(undefined) });
    expect(await lookup('/r/SKILL.md')).toEqual({ repoRoot: '/r', repoUrl: null });
  });

  it('keeps only the most recent roots', async () => {
    let calls = 0;
    const lookup = createGitLookup({
      pathExists: (path) => path.endsWith('/.git'),
      runGit: () => {
        calls += 1;
        return Promise.resolve('u');
      },
      maxCachedRoots: 1,
    });
    await lookup('/a/x');
    await lookup('/b/x');
    await lookup('/a/x');
    expect(calls).toBe(3);
  });
});
