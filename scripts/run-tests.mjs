// `npm test`: runs every package's tests through turbo (all of them, even after a failure), then prints the
// totals line over all packages. Stale reports are removed first so a package that did not run counts as failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
for (const dir of readdirSync(join(root, 'packages'))) {
  const report = join(root, 'packages', dir, '.test-results');
  if (existsSync(report)) rmSync(report, { recursive: true, force: true });
}

// The collector's browser test drives Debian's Chromium: install it on a fresh machine (idempotent).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`run-tests: ${chromiumPath} is missing; installing Debian's chromium for the browser test`);
  const install = spawnSync('bash', [join(root, '.ci', 'install-chromium')], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) console.error('run-tests: could not install chromium; the collector browser test will fail');
}

const extra = process.argv.slice(2);
const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--continue', '--concurrency=1', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
});
const totals = spawnSync(process.execPath, [join(root, 'scripts', 'test-totals.mjs')], { cwd: root, stdio: 'inherit' });
process.exitCode = turbo.status === 0 && totals.status === 0 ? 0 : 1;
