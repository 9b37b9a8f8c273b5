// The release, rehearsed through a real registry (verdaccio on 127.0.0.1, no uplinks): in a throwaway copy of the
// repository, `changeset version` + build + `changeset publish`; fresh projects install from the registry and run
// (only events; the client with the collector: the client README's example, ESM, and a CJS program); then a changeset
// for transport alone versions transport only (patch: its dependents' ranges take it) or transport and its dependents
// (minor), and publishes nothing else. Run by `npm run test:release`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientReadmeExample } from './client-readme-example.mjs';
import { copyWorkspace } from './copy-workspace.mjs';
import { measureInstall } from './measure-install.mjs';
import { publishThirdParty } from './publish-third-party.mjs';
import { runCommand } from './run-command.mjs';
import { startRegistry } from './start-registry.mjs';

const root = new URL('..', import.meta.url).pathname;
const keep = process.env.KEEP_RELEASE_REHEARSAL === '1';

describe('the release rehearsal', () => {
  let work;
  let copy;
  let registry;
  let npmEnv;
  let published; // name → folder in the copy, for every package that is not private
  const versions = {};
  const installs = {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'codex-analytics-release-'));
    registry = await startRegistry(join(work, 'registry'));
    const npmrc = join(work, 'npmrc');
    const host = registry.url.replace(/^http:/, '');
    writeFileSync(
      npmrc,
      [`registry=${registry.url}`, `${host}:_authToken=${registry.token}`, `cache=${join(work, 'npm-cache')}`, 'audit=false', 'fund=false', 'update-notifier=false', ''].join('\n'),
    );
    npmEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
      npm_config_userconfig: npmrc,
      npm_config_registry: registry.url,
      NO_UPDATE_NOTIFIER: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    };
    copy = join(work, 'repo');
    const workspaces = copyWorkspace(root, copy);
    published = new Map(
      [...workspaces].filter(([, folder]) => folder.includes('/packages/') && readManifest(folder).private !== true),
    );
    const thirdParty = await publishThirdParty({ packageFolders: [...published.values()], workFolder: join(work, 'third-party'), npmEnv });
    console.log(`release rehearsal: registry ${registry.url}, third-party packages published from node_modules: ${thirdParty.join(', ')}`);
  }, 300_000);

  afterAll(async () => {
    await registry?.close();
    if (work !== undefined && !keep) rmSync(work, { recursive: true, force: true });
  });

  const changeset = (...args) => runCommand(join(copy, 'node_modules', '.bin', 'changeset'), args, { cwd: copy, env: npmEnv, timeoutMs: 180_000 });
  const git = (...args) =>
    runCommand('git', ['-c', 'user.name=rehearsal', '-c', 'user.email=rehearsal@127.0.0.1', '-c', 'commit.gpgsign=false', ...args], { cwd: copy, env: npmEnv, timeoutMs: 60_000 });
  const readVersions = () => Object.fromEntries([...published].map(([name, folder]) => [name, readManifest(folder).version]));
  const build = () =>
    runCommand(
      join(copy, 'node_modules', '.bin', 'turbo'),
      ['run', 'build', '--output-logs=errors-only', ...[...published.keys()].map((name) => `--filter=${name}`)],
      { cwd: copy, env: npmEnv, timeoutMs: 900_000 },
    );
  const registryVersions = async (name) => {
    const { stdout } = await runCommand('npm', ['view', name, 'versions', '--json'], { cwd: work, env: npmEnv, timeoutMs: 60_000 });
    return [JSON.parse(stdout)].flat();
  };
  const freshProject = async (name, specs) => {
    const folder = join(work, name);
    mkdirSync(folder);
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }, null, 2));
    await runCommand('npm', ['install', '--no-audit', '--no-fund', ...specs], { cwd: folder, env: npmEnv, timeoutMs: 240_000 });
    return folder;
  };

  it('versions every package with pending changesets, builds and publishes them', async () => {
    const before = readVersions();
    await changeset('version');
    versions.first = readVersions();
    expect(readdirSync(join(copy, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md')).toEqual([]);
    await build();
    const { stdout, stderr } = await changeset('publish', '--no-git-tag');
    const output = stdout + stderr;
    for (const [name, version] of Object.entries(versions.first)) {
      expect(await registryVersions(name), name).toEqual([version]);
      expect(output).toContain(`${name}@${version}`);
    }
    console.log(`release rehearsal: versions before ${JSON.stringify(before)}, published ${JSON.stringify(versions.first)}`);
  }, 1_200_000);

  it('installs only @codex-analytics/events and uses it from ESM and CJS', async () => {
    const project = await freshProject('only-events', [`@codex-analytics/events@${versions.first['@codex-analytics/events']}`, 'zod']);
    const body = '{"events":[{"event_type":"codex_hook_run","event_params":{}}]}';
    writeFileSync(
      join(project, 'check.mjs'),
      `import { EVENT_TYPES, trackEventsRequestSchema } from '@codex-analytics/events';\n` +
        `const result = trackEventsRequestSchema.safeParse(JSON.parse(process.argv[2]));\n` +
        `console.log('esm', EVENT_TYPES.length, result.success);\n`,
    );
    writeFileSync(
      join(project, 'check.cjs'),
      `const { EVENT_TYPES, trackEventsRequestSchema } = require('@codex-analytics/events');\n` +
        `const result = trackEventsRequestSchema.safeParse(JSON.parse(process.argv[2]));\n` +
        `console.log('cjs', EVENT_TYPES.length, result.success);\n`,
    );
    // An event without its params is refused: the schemas are really there, not an empty shell.
    expect((await runCommand(process.execPath, ['check.mjs', body], { cwd: project, env: npmEnv })).stdout.trim()).toBe('esm 14 false');
    expect((await runCommand(process.execPath, ['check.cjs', body], { cwd: project, env: npmEnv })).stdout.trim()).toBe('cjs 14 false');
    installs.events = measureInstall(project);
    expect(installs.events.packages.filter((path) => !path.startsWith('node_modules/zod'))).toEqual(['node_modules/@codex-analytics/events']);
  }, 1_200_000);

  it("installs the client and the collector; the client README's example (ESM) and a CJS program send to the collector", async () => {
    const project = await freshProject('with-client', [`@codex-analytics/client@${versions.first['@codex-analytics/client']}`, 'zod']);
    installs.client = measureInstall(project);
    await runCommand('npm', ['install', '--no-audit', '--no-fund', '--save-dev', `@codex-analytics/collector@${versions.first['@codex-analytics/collector']}`], {
      cwd: project,
      env: npmEnv,
      timeoutMs: 240_000,
    });
    const collector = await startInstalledCollector(project, npmEnv);
    try {
      writeFileSync(join(project, 'example.mjs'), clientReadmeExample(join(copy, 'packages', 'client', 'README.md'), collector.port));
      writeFileSync(
        join(project, 'example.cjs'),
        [
          "const { AnalyticsEventsClient, buildTrackEventsContext, createStaticAuthManager } = require('@codex-analytics/client');",
          'const client = new AnalyticsEventsClient({',
          "  authManager: createStaticAuthManager({ accessToken: 'local-test-token', accountId: 'local-account' }),",
          `  baseUrl: 'http://127.0.0.1:${collector.port}/backend-api/',`,
          "  codexVersion: '0.99.0',",
          '});',
          "const tracking = buildTrackEventsContext('gpt-5', 'thread-cjs', 'turn-1');",
          "client.trackAppUsed(tracking, { connectorId: 'drive', appName: 'Drive', invocationType: 'implicit' });",
          "client.trackHookRun(tracking, { eventName: 'PostToolUse', hookSource: 'user', status: 'completed' });",
          "client.shutdown({ timeoutMs: 5000 }).then((report) => console.log('sent:', report.sent));",
          '',
        ].join('\n'),
      );
      const esm = await runCommand(process.execPath, ['example.mjs'], { cwd: project, env: npmEnv, timeoutMs: 60_000 });
      expect(esm.stdout).toContain('sent: 2');
      const cjs = await runCommand(process.execPath, ['example.cjs'], { cwd: project, env: npmEnv, timeoutMs: 60_000 });
      expect(cjs.stdout).toContain('sent: 2');
    } finally {
      await collector.close();
    }
    const stored = readFileSync(join(project, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(stored.map((line) => line.event?.event_type ?? line.event_type)).toEqual(['codex_app_used', 'codex_hook_run', 'codex_app_used', 'codex_hook_run']);
  }, 1_200_000);

  it('a patch changeset for transport alone versions transport only: its dependents\' ranges already take it', async () => {
    await git('add', '-A');
    await git('commit', '-q', '-m', 'first release');
    writeFileSync(join(copy, '.changeset', 'rehearsal-transport-patch.md'), "---\n'@codex-analytics/transport': patch\n---\n\nA transport fix.\n");
    await changeset('version');
    const patched = readVersions();
    expect(Object.keys(patched).filter((name) => patched[name] !== versions.first[name])).toEqual(['@codex-analytics/transport']);
    await git('reset', '-q', '--hard');
    expect(readVersions()).toEqual(versions.first);
  }, 1_200_000);

  it('a minor changeset for transport alone publishes transport and the packages that depend on it, nothing else', async () => {
    writeFileSync(join(copy, '.changeset', 'rehearsal-transport-minor.md'), "---\n'@codex-analytics/transport': minor\n---\n\nA transport change.\n");
    await changeset('version');
    versions.second = readVersions();
    const changed = Object.keys(versions.second).filter((name) => versions.second[name] !== versions.first[name]).sort();
    expect(changed).toEqual(dependentsOf('@codex-analytics/transport', published).sort());
    expect(changed).toEqual(['@codex-analytics/auth', '@codex-analytics/client', '@codex-analytics/transport']);
    await build();
    await changeset('publish', '--no-git-tag');
    for (const name of published.keys()) {
      const expected = changed.includes(name) ? [versions.first[name], versions.second[name]] : [versions.first[name]];
      expect(await registryVersions(name), name).toEqual(expected);
    }
    const project = await freshProject('client-again', ['@codex-analytics/client', 'zod']);
    const installed = (name) => readManifest(join(project, 'node_modules', name)).version;
    for (const name of ['@codex-analytics/client', '@codex-analytics/transport', '@codex-analytics/auth', '@codex-analytics/events']) {
      expect(installed(name), name).toBe(versions.second[name]);
    }
  }, 1_200_000);

  it('matches the install sizes and dependency counts the README records', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const measured = { events: installs.events, client: installs.client };
    for (const [key, install] of Object.entries(measured)) {
      console.log(`release rehearsal: ${key}: ${install.packages.length} packages, ${install.bytes} bytes: ${install.packages.join(', ')}`);
    }
    for (const [key, command] of [
      ['events', 'npm install @codex-analytics/events zod'],
      ['client', 'npm install @codex-analytics/client zod'],
    ]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${command}\``));
      expect(row, `README row for ${command}`).toBeDefined();
      const [, packages, megabytes] = /\|\s*(\d+)\s*\|\s*([\d.]+) MB\s*\|/.exec(row) ?? [];
      expect(Number(packages), `${command}: packages`).toBe(measured[key].packages.length);
      // Sizes move with zod and undici releases: the README must stay within 20% of what an install takes today.
      expect(Math.abs(Number(megabytes) * 1e6 - measured[key].bytes) / measured[key].bytes, `${command}: ${measured[key].bytes} bytes`).toBeLessThan(0.2);
    }
  });
});

function readManifest(folder) {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
}

/** `name` and every published package that depends on it, directly or through another. */
function dependentsOf(name, published) {
  const result = new Set([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [other, folder] of published) {
      if (result.has(other)) continue;
      if (Object.keys(readManifest(folder).dependencies ?? {}).some((dependency) => result.has(dependency))) {
        result.add(other);
        grew = true;
      }
    }
  }
  return [...result];
}

/** The collector as the client README starts it (`npx @codex-analytics/collector`), on a free port, writing events.ndjson. */
async function startInstalledCollector(project, env) {
  // Its own process group: npx does not pass SIGTERM on to the collector, so the whole group is signalled.
  const child = spawn('npx', ['--no-install', '@codex-analytics/collector', '--port', '0', '--out', 'events.ndjson'], {
    cwd: project,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`the collector did not start within 60 s:\n${output}`));
    }, 60_000);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the collector exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    port,
    async close() {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
