import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the Codex CLI is installed on demand: `$CODEX_ANALYTICS_CACHE_DIR`, else `$XDG_CACHE_HOME/codex-analytics`, else `~/.cache/codex-analytics`. */
export function codexCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CODEX_ANALYTICS_CACHE_DIR) return env.CODEX_ANALYTICS_CACHE_DIR;
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'codex-analytics');
}

export interface EnsureCodexOptions {
  version: string;
  cacheRoot?: string;
  /** Download attempts before giving up. Default: 3. */
  attempts?: number;
  /** Bound of one `npm install`, in ms. Default: 5 minutes. */
  attemptTimeoutMs?: number;
  log?: (line: string) => void;
  /** Environment of the `npm install` (the registry comes from it). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export interface InstalledCodex {
  version: string;
  /** The native `codex` executable (spawned directly so that its pid is the app-server's). */
  binary: string;
  /** The folder it was installed into. */
  dir: string;
  /** True when this call downloaded it, false when the cache already held it. */
  downloaded: boolean;
}

// The platform packages of @openai/codex and the target triple folder holding the native binary
// (as laid out by the published package's bin/codex.js).
const targetByPlatform: Record<string, { pkg: string; triple: string; exe: string }> = {
  'linux-x64': { pkg: '@openai/codex-linux-x64', triple: 'x86_64-unknown-linux-musl', exe: 'codex' },
  'linux-arm64': { pkg: '@openai/codex-linux-arm64', triple: 'aarch64-unknown-linux-musl', exe: 'codex' },
  'darwin-x64': { pkg: '@openai/codex-darwin-x64', triple: 'x86_64-apple-darwin', exe: 'codex' },
  'darwin-arm64': { pkg: '@openai/codex-darwin-arm64', triple: 'aarch64-apple-darwin', exe: 'codex' },
  'win32-x64': { pkg: '@openai/codex-win32-x64', triple: 'x86_64-pc-windows-msvc', exe: 'codex.exe' },
  'win32-arm64': { pkg: '@openai/codex-win32-arm64', triple: 'aarch64-pc-windows-msvc', exe: 'codex.exe' },
};

/** The native binary inside an install folder, for this platform. */
export function codexBinaryIn(dir: string): string {
  const target = targetByPlatform[`${process.platform}-${process.arch}`];
  if (target === undefined) throw new Error(`the Codex CLI has no build for ${process.platform}-${process.arch}`);
  return join(dir, 'node_modules', ...target.pkg.split('/'), 'vendor', target.triple, 'bin', target.exe);
}

/**
 * Returns the Codex CLI `version`, installing `@openai/codex@version` with npm into the cache the first time
 * (a staging folder renamed into place, so a half-finished download is never reused). Retries the download with
 * a growing pause and fails with an error that says what to do.
 */
export async function ensureCodex(options: EnsureCodexOptions): Promise<InstalledCodex> {
  const { version, attempts = 3, attemptTimeoutMs = 5 * 60_000, log = () => {}, env = process.env } = options;
  const cacheRoot = options.cacheRoot ?? codexCacheRoot();
  const dir = join(cacheRoot, `codex-${version}`);
  const binary = codexBinaryIn(dir);
  if (existsSync(binary) && reportsVersion(binary, version)) return { version, binary, dir, downloaded: false };

  mkdirSync(cacheRoot, { recursive: true });
  const failures: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const staging = mkdtempSync(join(cacheRoot, `.staging-codex-${version}-`));
    try {
      log(`conformance: installing @openai/codex@${version} into ${dir} (attempt ${attempt} of ${attempts}; about 170 MB)`);
      writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'codex-cli-cache', private: true }));
      await npmInstall(staging, `@openai/codex@${version}`, attemptTimeoutMs, env);
      const stagedBinary = codexBinaryIn(staging);
      if (!existsSync(stagedBinary)) throw new Error(`the install has no native binary at ${stagedBinary}`);
      if (!reportsVersion(stagedBinary, version)) throw new Error(`the installed binary does not report codex-cli ${version}`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      return { version, binary, dir, downloaded: true };
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      failures.push(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt));
    }
  }
  throw new Error(
    `could not install the Codex CLI @openai/codex@${version} into ${dir} after ${attempts} attempts:\n  ${failures.join('\n  ')}\n` +
      `Check that the npm registry is reachable (npm config get registry) and that the version exists (npm view @openai/codex@${version} version), ` +
      `or set CODEX_ANALYTICS_CACHE_DIR to a writable folder.`,
  );
}

function reportsVersion(binary: string, version: string): boolean {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 && result.stdout.trim().endsWith(` ${version}`);
}

/** `npm install` in `cwd`, with the npm that runs us when there is one, stripped of the workspace settings of the outer run. */
function npmInstall(cwd: string, spec: string, timeoutMs: number, outerEnv: NodeJS.ProcessEnv): Promise<void> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(outerEnv)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && !keptNpmSettings.has(lower)) continue;
    env[key] = value;
  }
  const npmCli = outerEnv.npm_execpath ?? process.env.npm_execpath;
  const [command, prefixArgs] =
    npmCli !== undefined && npmCli.endsWith('.js') ? [process.execPath, [npmCli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const args = [...prefixArgs, 'install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', '--ignore-scripts', '--loglevel=error', spec];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`npm install ${spec} took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm install ${spec} exited with ${code ?? signal}: ${output.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

const keptNpmSettings = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
  'npm_config_cafile',
  'npm_config_ca',
]);
