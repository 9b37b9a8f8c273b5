import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthLogger } from '../auth-logger.js';
import { chatgptIdToken } from './unsigned-jwt.js';
import type { ChatgptIdTokenClaims } from './unsigned-jwt.js';

// Test-only helpers: a throwaway CODEX_HOME per test (never the real ~/.codex) and a logger that records.

export async function createTempCodexHome(): Promise<{ path: string; authFile: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'codex-auth-test-'));
  return { path, authFile: join(path, 'auth.json'), remove: () => rm(path, { recursive: true, force: true }) };
}

export async function writeAuthJson(authFile: string, contents: unknown): Promise<void> {
  await writeFile(authFile, typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2), { mode: 0o600 });
}

export async function readAuthJson(authFile: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(authFile, 'utf8')) as Record<string, unknown>;
}

export const secretAccessToken = 'at-SECRET-access-token-0123456789';
export const secretRefreshToken = 'rt-SECRET-refresh-token-0123456789';
export const secretApiKey = 'sk-SECRET-api-key-0123456789';

/** The `auth.json` Codex writes after a ChatGPT login. */
export function chatgptAuthJson(
  claims: ChatgptIdTokenClaims = { accountId: 'account-1', userId: 'user-1' },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    OPENAI_API_KEY: null,
    tokens: {
      id_token: chatgptIdToken(claims),
      access_token: secretAccessToken,
      refresh_token: secretRefreshToken,
      account_id: claims.accountId ?? null,
    },
    last_refresh: '2025-04-01T12:00:00.123456Z',
    ...extra,
  };
}

export function recordingLogger(): AuthLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    warn: (message) => {
      warnings.push(message);
    },
  };
}
