import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway HOME with a CODEX_HOME holding a ChatGPT-style `auth.json` (fake tokens, far-future expiry) and a work folder. */
export interface FakeCodexHome {
  home: string;
  codexHome: string;
  workDir: string;
  accountId: string;
  /** Every secret written into `auth.json`, to check that none leaks into a recording. */
  secrets: readonly string[];
  remove(): void;
}

/** 2100-01-01T00:00:00Z: no refresh is ever due. */
const farFutureExp = 4_102_444_800;

/** `config` is written as `CODEX_HOME/config.toml` when given (a scripted model's provider, the approval policy...). */
export function createFakeCodexHome(options: { config?: string } = {}): FakeCodexHome {
  const home = mkdtempSync(join(tmpdir(), 'codex-conformance-'));
  const codexHome = join(home, '.codex');
  const workDir = join(home, 'work');
  mkdirSync(codexHome);
  mkdirSync(workDir);
  const accountId = 'conformance-account';
  const auth = {
    'https://api.openai.com/auth': { chatgpt_plan_type: 'plus', chatgpt_user_id: 'conformance-user', chatgpt_account_id: accountId, user_id: 'conformance-user' },
  };
  const idToken = unsignedJwt({ email: 'conformance@example.com', exp: farFutureExp, ...auth });
  const accessToken = unsignedJwt({ exp: farFutureExp, ...auth, nonce: 'conformance-access-token-secret' });
  const refreshToken = 'rt-conformance-refresh-token-secret';
  writeFileSync(
    join(codexHome, 'auth.json'),
    JSON.stringify({ OPENAI_API_KEY: null, tokens: { id_token: idToken, access_token: accessToken, refresh_token: refreshToken, account_id: accountId }, last_refresh: new Date().toISOString() }, null, 2),
    { mode: 0o600 },
  );
  if (options.config !== undefined) writeFileSync(join(codexHome, 'config.toml'), options.config);
  return {
    home,
    codexHome,
    workDir,
    accountId,
    secrets: [accessToken, refreshToken, idToken],
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.conformance-signature`;
}
