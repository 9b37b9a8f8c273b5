export interface ChromiumLookupOptions {
  /** Default: `process.env` (reads `CHROMIUM_PATH`, `CI`, and on Windows the program folders). */
  env?: Record<string, string | undefined>;
  /** Default: `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default: `os.homedir()`. */
  home?: string;
  /** Default: `fs.existsSync`. */
  exists?: (path: string) => boolean;
  /** Where playwright-core keeps its own Chromium; default: `chromium.executablePath()` when playwright-core is installed. */
  playwrightPath?: () => string | undefined;
}

export type ChromiumLookup =
  | { found: true; executablePath: string; source: 'CHROMIUM_PATH' | 'playwright' | 'install path' }
  | { found: false; explicit: boolean; reason: string };

export type ChromiumForTests =
  | { action: 'run'; executablePath: string; source: 'CHROMIUM_PATH' | 'playwright' | 'install path' }
  | { action: 'skip'; reason: string }
  | { action: 'fail'; reason: string };

/** Finds a Chromium: `CHROMIUM_PATH`, then playwright's own browsers, then common install paths. */
export function findChromium(options?: ChromiumLookupOptions): ChromiumLookup;
/** The usual install paths of Chromium, then Chrome, for one platform. */
export function commonChromiumPaths(options?: Pick<ChromiumLookupOptions, 'platform' | 'home' | 'env'>): string[];
/** Run, skip (no Chromium, `CI` unset) or fail (no Chromium under `CI=true`, or a wrong `CHROMIUM_PATH`). */
export function chromiumForTests(options?: ChromiumLookupOptions): ChromiumForTests;
