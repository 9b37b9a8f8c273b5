// Shared setup of the collector's browser tests: headless Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Names used to play another site (and a DNS rebinding): both resolve to this machine only.
  '--host-resolver-rules=MAP evil.example 127.0.0.1, MAP rebind.example 127.0.0.1',
];

/** Launches the Chromium that `describeWithChromium` (from @codex-analytics/config) found. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: launchArgs, timeout: 60_000 });
}
