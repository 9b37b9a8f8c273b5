import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a Chromium for the browser tests is, looked up in this order:
 *   1. `CHROMIUM_PATH` (when set it must exist: a wrong explicit path is an error, never a silent skip);
 *   2. playwright's own browsers (`npx playwright-core install chromium` puts one under ~/.cache/ms-playwright);
 *   3. the usual install paths of Chromium and Chrome on Linux, macOS and Windows.
 *
 * Returns `{ found: true, executablePath, source }` or `{ found: false, reason, explicit }`. Pure apart from the
 * injected `exists`, `env`, `platform`, `home` and `playwrightPath`, so the lookup itself is testable.
 */
export function findChromium({
  env = process.env,
  platform = process.platform,
  home = homedir(),
  exists = existsSync,
  playwrightPath = playwrightChromiumPath,
} = {}) {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (exists(explicit)) return { found: true, executablePath: explicit, source: 'CHROMIUM_PATH' };
    return { found: false, explicit: true, reason: `CHROMIUM_PATH is set to ${explicit}, which does not exist` };
  }
  const fromPlaywright = playwrightPath();
  if (fromPlaywright !== undefined && exists(fromPlaywright)) {
    return { found: true, executablePath: fromPlaywright, source: 'playwright' };
  }
  const candidates = commonChromiumPaths({ platform, home, env });
  for (const candidate of candidates) {
    if (exists(candidate)) return { found: true, executablePath: candidate, source: 'install path' };
  }
  return {
    found: false,
    explicit: false,
    reason:
      `no Chromium found: CHROMIUM_PATH is unset, playwright has no browser` +
      (fromPlaywright === undefined ? '' : ` at ${fromPlaywright}`) +
      ` and none of ${candidates.join(', ')} exists. Install one (Debian: \`apt-get install chromium\`;` +
      ` anywhere: \`npx playwright-core install chromium\`) or set CHROMIUM_PATH`,
  };
}

/** The usual install paths of Chromium, then Chrome, for one platform. */
export function commonChromiumPaths({ platform = process.platform, home = homedir(), env = process.env } = {}) {
  switch (platform) {
    case 'darwin':
      return [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        join(home, 'Applications/Chromium.app/Contents/MacOS/Chromium'),
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        join(home, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
        '/opt/homebrew/bin/chromium',
        '/usr/local/bin/chromium',
      ];
    case 'win32': {
      const roots = [env.LOCALAPPDATA, env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'];
      return roots
        .filter((root) => root !== undefined && root !== '')
        .flatMap((root) => [`${root}\\Chromium\\Application\\chrome.exe`, `${root}\\Google\\Chrome\\Application\\chrome.exe`]);
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/lib/chromium/chromium',
        '/snap/bin/chromium',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/opt/google/chrome/chrome',
      ];
  }
}

/** The path playwright-core would launch its own Chromium from, or undefined when playwright-core is not installed. */
function playwrightChromiumPath() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * What a browser test should do: run with `executablePath`; skip (no Chromium, `CI` unset); or fail (no Chromium
 * under `CI=true`, or a `CHROMIUM_PATH` that does not exist).
 * Returns `{ action: 'run', executablePath, source } | { action: 'skip', reason } | { action: 'fail', reason }`.
 */
export function chromiumForTests(options = {}) {
  const env = options.env ?? process.env;
  const lookup = findChromium(options);
  if (lookup.found) return { action: 'run', executablePath: lookup.executablePath, source: lookup.source };
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (ci || lookup.explicit) return { action: 'fail', reason: lookup.reason };
  return { action: 'skip', reason: lookup.reason };
}
