import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizePathForSkillId, skillIdForLocalSkill } from './skill-id.js';

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const noCanonical = (): undefined => undefined;

describe('normalizePathForSkillId', () => {
  it('makes a repo skill path relative to the repository root', () => {
    const path = normalizePathForSkillId({
      repoUrl: 'https://github.com/openai/codex.git',
      repoRoot: '/work/repo',
      skillPath: '/work/repo/.codex/skills/doc/SKILL.md',
      canonicalize: noCanonical,
    });
    expect(path).toBe('.codex/skills/doc/SKILL.md');
  });

  it('keeps the absolute path for a skill outside any repository', () => {
    const path = normalizePathForSkillId({ repoUrl: null, repoRoot: null, skillPath: '/home/me/.codex/skills/doc/SKILL.md' });
    expect(path).toBe('/home/me/.codex/skills/doc/SKILL.md');
  });

  it('keeps the absolute path when the repository has no remote URL', () => {
    const path = normalizePathForSkillId({ repoUrl: null, repoRoot: '/work/repo', skillPath: '/work/repo/skills/SKILL.md' });
    expect(path).toBe('/work/repo/skills/SKILL.md');
  });

  it('keeps the absolute path when the root is not a prefix of the skill path', () => {
    const path = normalizePathForSkillId({
      repoUrl: 'https://example.com/r.git',
      repoRoot: '/work/repo',
      skillPath: '/work/repo-other/skills/SKILL.md',
    });
    expect(path).toBe('/work/repo-other/skills/SKILL.md');
  });

  it('uses canonical paths for both the skill and the root, and turns backslashes into slashes', () => {
    const canonical: Record<string, string> = { '/link/repo/s/SKILL.md': '/real/repo/s/SKILL.md', '/link/repo': '/real/repo' };
    expect(
      normalizePathForSkillId({
        repoUrl: 'u',
        repoRoot: '/link/repo',
        skillPath: '/link/repo/s/SKILL.md',
        canonicalize: (path) => canonical[path],
      }),
    ).toBe('s/SKILL.md');
    expect(
      normalizePathForSkillId({ repoUrl: 'u', repoRoot: 'C:\\work\\repo', skillPath: 'C:\\work\\repo\\skills\\doc\\SKILL.md' }),
    ).toBe('skills/doc/SKILL.md');
    expect(normalizePathForSkillId({ repoUrl: null, repoRoot: null, skillPath: 'C:\\Users\\me\\SKILL.md' })).toBe('C:/Users/me/SKILL.md');
  });
});

describe('skillIdForLocalSkill', () => {
  it('hashes repo_{url}_{relative path}_{name} for a repo skill', () => {
    const id = skillIdForLocalSkill({
      repoUrl: 'https://github.com/openai/codex.git',
      repoRoot: '/work/repo',
      skillPath: '/work/repo/.codex/skills/doc/SKILL.md',
      skillName: 'doc',
    });
    expect(id).toBe(sha1('repo_https://github.com/openai/codex.git_.codex/skills/doc/SKILL.md_doc'));
    expect(id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('hashes personal_{absolute path}_{name} without a repository', () => {
    const id = skillIdForLocalSkill({ repoUrl: null, repoRoot: null, skillPath: '/home/me/skills/doc/SKILL.md', skillName: 'doc' });
    expect(id).toBe(sha1('personal_/home/me/skills/doc/SKILL.md_doc'));
  });
});
