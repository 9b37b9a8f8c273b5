// `npm test`: runs every package's tests through turbo (all of them, even after a failure), then prints the
// totals line over all packages. Stale reports are removed first so a package that did not run counts as failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../tooling/config/chromium.js';

const root = new URL('..', import.meta.url).pathname;
for (const dir of ['packages', 'tooling'].flatMap((group) => readdirSync(join(root, group)).map((name) => join(group, name))).concat('release-rehearsal')) {
  const report = join(root, dir, '.test-results');
  if (existsSync(report)) rmSync(report, { recursive: true, force: true });
}

// The browser tests (the collector's live page) need a Chromium: tooling/config/chromium.js looks in CHROMIUM_PATH,
// playwright's own browsers and the common install paths. On Debian with apt-get, where installing needs no password
// (root, or sudo without a prompt), a fresh machine gets Debian's chromium; elsewhere the browser tests are skipped
// with the reason (or fail under CI=true).
const chromium = findChromium();
if (!chromium.found && !chromium.explicit && canInstallChromium()) {
  console.log(`run-tests: ${chromium.reason}; installing Debian's chromium for the browser tests`);
  const install = spawnSync('bash', [join(root, '.ci', 'install-chromium')], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) console.error('run-tests: could not install chromium');
}
const afterInstall = findChromium();
if (!afterInstall.found) {
  const ci = process.env.CI !== undefined && !['', 'false', '0'].includes(process.env.CI);
  console.warn(`run-tests: the browser tests will ${ci || afterInstall.explicit ? 'fail' : 'be skipped'}: ${afterInstall.reason}`);
}

const extra = process.argv.slice(2);
const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--continue', '--concurrency=1', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
});
const totals = spawnSync(process.execPath, [join(root, 'scripts', 'test-totals.mjs')], { cwd: root, stdio: 'inherit' });
process.exitCode = turbo.status === 0 && totals.status === 0 ? 0 : 1;

function canInstallChromium() {
  if (process.platform !== 'linux') return false;
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) return false;
  if (process.getuid?.() === 0) return true;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}
