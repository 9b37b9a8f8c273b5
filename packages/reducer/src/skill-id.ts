import { realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** Canonicalizes a path (resolving links), or `undefined` when it cannot. Injected so tests need no files. */
export type CanonicalizePath = (path: string) => string | undefined;

function toForwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function stripPrefixPath(path: string, root: string): string | undefined {
  const normalizedRoot = root.replace(/[\\/]+$/, '');
  if (path === normalizedRoot) return '';
  for (const separator of ['/', '\\']) {
    if (path.startsWith(normalizedRoot + separator)) return path.slice(normalizedRoot.length + 1);
  }
  return undefined;
}

export interface SkillIdPathInput {
  /** The git remote URL of the repository that holds the skill, if any. */
  repoUrl: string | null | undefined;
  /** The root of that repository, if any. */
  repoRoot: string | null | undefined;
  /** The path of the skill file. */
  skillPath: string;
  canonicalize?: CanonicalizePath;
}

/**
 * The skill path used in skill ids: canonicalized (or raw, when canonicalization fails), relative to the
 * canonicalized repository root when there is a repository URL and root and the path lies under it, otherwise
 * absolute; backslashes become `/`.
 */
export function normalizePathForSkillId({ repoUrl, repoRoot, skillPath, canonicalize }: SkillIdPathInput): string {
  const resolvedPath = canonicalize?.(skillPath) ?? skillPath;
  if (repoUrl != null && repoRoot != null) {
    const resolvedRoot = canonicalize?.(repoRoot) ?? repoRoot;
    const relative = stripPrefixPath(resolvedPath, resolvedRoot);
    if (relative !== undefined) return toForwardSlashes(relative);
  }
  return toForwardSlashes(resolvedPath);
}

export interface SkillIdInput extends SkillIdPathInput {
  skillName: string;
}

/** Lowercase hex SHA-1 of `{prefix}_{path}_{skill_name}`, prefix `repo_{url}` with a repository URL, else `personal`. */
export function skillIdForLocalSkill(input: SkillIdInput): string {
  const path = normalizePathForSkillId(input);
  const prefix = input.repoUrl != null ? `repo_${input.repoUrl}` : 'personal';
  return createHash('sha1').update(`${prefix}_${path}_${input.skillName}`).digest('hex');
}

/** The default `CanonicalizePath`: the real path on disk, or `undefined` when it cannot be resolved. */
export const defaultCanonicalize: CanonicalizePath = (path) => {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
};
