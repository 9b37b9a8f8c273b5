import { describe, expect, it } from 'vitest';
import { chromiumForTests, commonChromiumPaths, findChromium } from './chromium.js';

const existing = (...paths) => (path) => paths.includes(path);
const noPlaywright = () => undefined;

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and a CHROMIUM_PATH that does not exist is an explicit miss', () => {
    const env = { CHROMIUM_PATH: '/opt/my/chrome' };
    expect(findChromium({ env, exists: existing('/opt/my/chrome', '/usr/bin/chromium'), playwrightPath: noPlaywright })).toEqual({
      found: true,
      executablePath: '/opt/my/chrome',
      source: 'CHROMIUM_PATH',
    });
    const miss = findChromium({ env, exists: existing('/usr/bin/chromium'), playwrightPath: noPlaywright });
    expect(miss).toMatchObject({ found: false, explicit: true });
    expect(miss.reason).toContain('/opt/my/chrome');
  });

  it("prefers playwright's own browser to an install path", () => {
    const lookup = findChromium({
      env: {},
      platform: 'linux',
      exists: existing('/home/me/.cache/ms-playwright/chromium/chrome', '/usr/bin/chromium'),
      playwrightPath: () => '/home/me/.cache/ms-playwright/chromium/chrome',
    });
    expect(lookup).toEqual({ found: true, executablePath: '/home/me/.cache/ms-playwright/chromium/chrome', source: 'playwright' });
  });

  it.each([
    ['linux', '/usr/bin/chromium-browser'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    ['darwin', '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium'],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
  ])('finds the common install path on %s: %s', (platform, path) => {
    const lookup = findChromium({ env: {}, platform, home: '/Users/me', exists: existing(path), playwrightPath: () => '/nowhere/chrome' });
    expect(lookup).toEqual({ found: true, executablePath: path, source: 'install path' });
  });

  it('names every place it looked when nothing exists', () => {
    const lookup = findChromium({ env: {}, platform: 'darwin', home: '/Users/me', exists: existing(), playwrightPath: () => '/pw/chrome' });
    expect(lookup.found).toBe(false);
    expect(lookup.explicit).toBe(false);
    for (const path of [...commonChromiumPaths({ platform: 'darwin', home: '/Users/me' }), '/pw/chrome', 'CHROMIUM_PATH']) {
      expect(lookup.reason).toContain(path);
    }
  });
});

describe('chromiumForTests', () => {
  const none = { exists: existing(), playwrightPath: noPlaywright };

  it('runs with the browser it found', () => {
    expect(chromiumForTests({ env: { CI: 'true' }, platform: 'linux', exists: existing('/usr/bin/chromium'), playwrightPath: noPlaywright })).toEqual({
      action: 'run',
      executablePath: '/usr/bin/chromium',
      source: 'install path',
    });
  });

  it('skips without CI and fails under CI when no browser exists', () => {
    expect(chromiumForTests({ env: {}, ...none }).action).toBe('skip');
    expect(chromiumForTests({ env: { CI: 'false' }, ...none }).action).toBe('skip');
    expect(chromiumForTests({ env: { CI: 'true' }, ...none }).action).toBe('fail');
    expect(chromiumForTests({ env: { CI: '1' }, ...none }).action).toBe('fail');
  });

  it('fails on a CHROMIUM_PATH that does not exist, with or without CI', () => {
    const decision = chromiumForTests({ env: { CHROMIUM_PATH: '/missing/chrome' }, ...none });
    expect(decision.action).toBe('fail');
    expect(decision.reason).toContain('/missing/chrome');
  });
});
