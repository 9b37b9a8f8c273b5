export { AnalyticsReducer } from './analytics-reducer.js';
export type { AnalyticsReducerStats } from './analytics-reducer.js';
export { DEFAULT_REDUCER_LIMITS } from './reducer-options.js';
export type { AnalyticsReducerOptions, ReducerLimits, ReducerLogger } from './reducer-options.js';
export { normalizePathForSkillId, skillIdForLocalSkill } from './skill-id.js';
export type { CanonicalizePath, SkillIdInput, SkillIdPathInput } from './skill-id.js';
export { createGitLookup, findGitRepoRoot } from './git-lookup.js';
export type { GitLookup, GitLookupOptions, GitRepoInfo } from './git-lookup.js';
export { currentRuntimeMetadata, detectOsVersion, runtimeArchName, runtimeOsName } from './runtime-metadata.js';
