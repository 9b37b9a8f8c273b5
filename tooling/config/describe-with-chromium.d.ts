import type { ChromiumLookupOptions } from './chromium.js';

/** What a browser test gets: the Chromium executable to pass to playwright-core's `chromium.launch`. */
export interface ChromiumForTest {
  executablePath: string;
}

/**
 * `describe` for browser tests: runs when a Chromium is found (`CHROMIUM_PATH`, playwright's browsers, common install
 * paths), is skipped with the reason when none is and `CI` is unset, and fails under `CI=true`.
 */
export function describeWithChromium(name: string, body: (chromium: ChromiumForTest) => void, options?: ChromiumLookupOptions): void;
