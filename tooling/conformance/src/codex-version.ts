import { readFileSync } from 'node:fs';

/** The Codex CLI version this repository is checked against (pinned exactly in this package's `codexVersion`). */
export const PINNED_CODEX_VERSION: string = readPinnedVersion();

/** The version to run: `CODEX_VERSION` when set (a newer release to check), otherwise the pinned one. */
export function codexVersionToRun(env: NodeJS.ProcessEnv = process.env): string {
  const requested = env.CODEX_VERSION?.trim();
  if (requested === undefined || requested === '') return PINNED_CODEX_VERSION;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(requested)) {
    throw new Error(`CODEX_VERSION must be an exact version such as 0.169.0, not "${requested}"`);
  }
  return requested;
}

function readPinnedVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { codexVersion?: unknown };
  if (typeof manifest.codexVersion !== 'string') throw new Error('tooling/conformance/package.json has no "codexVersion"');
  return manifest.codexVersion;
}
