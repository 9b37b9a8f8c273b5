import { describe, it } from 'vitest';
import { chromiumForTests } from './chromium.js';

/**
 * A `describe` for tests that drive a real Chromium. `body` receives `{ executablePath }` (for playwright-core's
 * `chromium.launch({ executablePath })`) and registers the tests as usual.
 *
 * - Chromium found (see `findChromium`): the suite runs.
 * - None found and `CI` unset: the suite is skipped, its name carries the reason, and the reason is printed once;
 *   the totals line counts its tests as skipped.
 * - None found under `CI=true`, or `CHROMIUM_PATH` points nowhere: one failing test says why.
 */
export function describeWithChromium(name, body, options) {
  const decision = chromiumForTests(options);
  switch (decision.action) {
    case 'run':
      describe(name, () => body({ executablePath: decision.executablePath }));
      return;
    case 'skip':
      console.warn(`browser tests skipped (${name}): ${decision.reason}`);
      describe.skip(`${name} [skipped: ${decision.reason}]`, () => body({ executablePath: '' }));
      return;
    case 'fail':
      describe(name, () => {
        it('has a Chromium to run in', () => {
          throw new Error(`${decision.reason}${decision.reason.startsWith('CHROMIUM_PATH') ? '' : ' (CI is set, so a missing browser fails)'}`);
        });
      });
      return;
  }
}
