// `npm run test:release`: the release rehearsal (release-rehearsal/). Installs its registry (verdaccio, from
// release-rehearsal/package-lock.json) when missing, then runs it with vitest; its report joins the totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const folder = join(root, 'release-rehearsal');
rmSync(join(folder, '.test-results'), { recursive: true, force: true });
// npm run exports npm_* settings (the root's prefix among them): the rehearsal's own install must not inherit them.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
if (!existsSync(join(folder, 'node_modules', 'verdaccio', 'package.json'))) {
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: folder, env, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('test-release: could not install the rehearsal registry (release-rehearsal/package-lock.json)');
    process.exit(1);
  }
}
const vitest = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'vitest.config.mjs'], { cwd: folder, env, stdio: 'inherit' });
process.exitCode = vitest.status ?? 1;
