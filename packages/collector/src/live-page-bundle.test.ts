import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { livePageScript } from './live-page-bundle.js';

describe('live page bundle', () => {
  it('is what page/*.ts bundle to now (run `npm run bundle:page` after changing the page)', () => {
    const script = fileURLToPath(new URL('../scripts/bundle-live-page.mjs', import.meta.url));
    const check = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('is one browser script that cannot close its <script> element', () => {
    expect(livePageScript.startsWith('"use strict";\n(() => {')).toBe(true);
    expect(livePageScript).not.toMatch(/<\/script|<!--/i);
    expect(livePageScript).not.toMatch(/\bimport\s*[{(*]|\brequire\(/);
  });
});
