import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;

/**
 * Starts verdaccio on 127.0.0.1 with its storage in `folder`: no uplinks (nothing is fetched from outside), anyone
 * may read, a user created here may publish. Resolves with `{ url, token, close() }` once it answers and the user
 * exists; rejects after `timeoutMs`.
 */
export async function startRegistry(folder, { timeoutMs = 90_000 } = {}) {
  mkdirSync(join(folder, 'storage'), { recursive: true });
  const configPath = join(folder, 'verdaccio.yaml');
  writeFileSync(
    configPath,
    [
      `storage: ${join(folder, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(folder, 'htpasswd')}`,
      '    max_users: 1',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [join(here, 'serve-registry.cjs'), configPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`verdaccio did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = /PORT (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => fail(new Error(`verdaccio exited with ${code}:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-password' }),
    signal: AbortSignal.timeout(30_000),
  });
  const { token } = await response.json();
  if (!response.ok || typeof token !== 'string') throw new Error(`verdaccio did not create the publishing user (${response.status})`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    token,
    async close() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
