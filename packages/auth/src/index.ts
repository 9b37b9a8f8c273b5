export type { AuthCredentials } from './auth-credentials.js';
export type { AuthLogger } from './auth-logger.js';
export type { AuthManager } from './auth-manager.js';
export { BackgroundAgentTaskError } from './background-agent-task-error.js';
export type { CodexAuth, CodexAuthKind } from './codex-auth.js';
export { createAuthManager } from './create-auth-manager.js';
export type { AuthManagerOptions, BackgroundAgentTaskAuthMode } from './create-auth-manager.js';
export { createStaticAuthManager } from './create-static-auth-manager.js';
export type { StaticAuthOptions } from './create-static-auth-manager.js';
