import { describe, expect, it } from 'vitest';
import { demoUsage, parseDemoArgs } from './parse-demo-args.js';

describe('parseDemoArgs', () => {
  it('reads --serve and --port in either form', () => {
    expect(parseDemoArgs([])).toEqual({ help: false, serve: false, port: 0 });
    expect(parseDemoArgs(['--serve', '--port', '8787'])).toEqual({ help: false, serve: true, port: 8787 });
    expect(parseDemoArgs(['--port=9000'])).toEqual({ help: false, serve: false, port: 9000 });
  });

  it('answers --help and -h with the usage, whatever else is there', () => {
    expect(parseDemoArgs(['--help'])).toEqual({ help: true });
    expect(parseDemoArgs(['--serve', '-h', '--bogus'])).toEqual({ help: true });
    expect(demoUsage).toContain('--serve');
    expect(demoUsage).toContain('--port N');
  });

  it('refuses unknown arguments and bad ports with the usage', () => {
    expect(() => parseDemoArgs(['--bogus'])).toThrow(/unknown argument --bogus\nusage: npm run demo/);
    for (const bad of [['--port'], ['--port', 'x'], ['--port=70000'], ['--port', '-1'], ['--port', '1.5']]) {
      expect(() => parseDemoArgs(bad), bad.join(' ')).toThrow(/--port takes a port number/);
    }
  });
});
