// Bundles the live page's TypeScript modules (page/*.ts, from page/main.ts) into one browser script, and writes it
// as `src/live-page-bundle.ts`, the string the server sends inline under the page's CSP nonce. Run it after changing
// the page (`npm run bundle:page -w @codex-analytics/collector`); a test fails while the file differs from what the
// sources bundle to. `--check` only compares, and exits 1 when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleLivePage } from './bundle-live-page-lib.mjs';

const target = fileURLToPath(new URL('../src/live-page-bundle.ts', import.meta.url));
const text = await bundleLivePage();
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('src/live-page-bundle.ts is out of date: run `npm run bundle:page -w @codex-analytics/collector`');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote src/live-page-bundle.ts (${Buffer.byteLength(text)} bytes)`);
}
