import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const planted = 'planted-cli-password-91b2';

async function run(argv: string[], env: Record<string, string> = {}) {
  const output: string[] = [];
  const code = await runCli(argv, {
    stdout: { write: (text: string) => output.push(text) },
    stderr: { write: (text: string) => output.push(text) },
    env,
    waitForShutdown: () => Promise.resolve('SIGTERM'),
  });
  return { code, output: output.join('') };
}

describe('the ClickHouse flags', () => {
  it('are listed in --help', async () => {
    const { output } = await run(['--help']);
    expect(output).toContain('--clickhouse URL');
    expect(output).toContain('--clickhouse-cluster NAME');
    expect(output).toContain('--retention-days N');
  });

  it('refuse what cannot work with exit 2, never repeating the password', async () => {
    const url = `http://writer:${planted}@127.0.0.1:1/db`;
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--clickhouse', url, '--out', '/tmp/x.ndjson'], {}, /--out and --clickhouse are two stores/],
      [['--clickhouse', url, '--retention-days', '0'], {}, /--retention-days must be a whole number of at least 1/],
      [['--retention-days', '3'], {}, /need --clickhouse/],
      [['--clickhouse-cluster', 'c'], {}, /need --clickhouse/],
      [['--clickhouse', `ftp://writer:${planted}@h/db`], {}, /http: or https:/],
      [['--clickhouse', `http://writer:${planted}@h/bad-name`], {}, /plain name/],
      [['--out', '/tmp/x.ndjson'], { CODEX_ANALYTICS_CLICKHOUSE_URL: url }, /--out and --clickhouse are two stores/],
    ];
    for (const [argv, env, message] of cases) {
      const { code, output } = await run(argv, env);
      expect(code).toBe(2);
      expect(output).toMatch(message);
      expect(output).not.toContain(planted);
    }
  });

  it('a cluster name that is not a plain identifier is refused at start (exit 1)', async () => {
    const { code, output } = await run(['--port', '0', '--clickhouse', `http://writer:${planted}@127.0.0.1:1/db`, '--clickhouse-cluster', 'a;DROP']);
    expect(code).toBe(1);
    expect(output).toMatch(/cluster must be a plain name/);
    expect(output).not.toContain(planted);
  });
});
