import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The packages under the client declare their schemas with `lazySchema`: importing them must not load zod nor
// build a schema (zod marks its load with `globalThis.__zod_globalConfig`), and the first use must still work.
// Each check runs in a fresh Node process against the built packages, as a caller gets them (ESM and CJS).

const PROBE_FACT = { type: 'hook_run', tracking: { modelSlug: 'm', threadId: 't', turnId: 'u' }, hook: { eventName: 'Stop', hookSource: 'user', status: 'completed' } };

function probe(kind: 'esm' | 'cjs', body: string): unknown {
  const script =
    kind === 'esm'
      ? `const load = (name) => import(name);\n(async () => {\n${body}\n})();`
      : `const load = async (name) => require(name);\n(async () => {\n${body}\n})();`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  const out = execFileSync(process.execPath, args, { cwd: import.meta.dirname, encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}

const zodLoaded = 'globalThis.__zod_globalConfig !== undefined';

// Every script the main thread has compiled (CJS or ESM, however loaded), as V8's debugger lists them on enable.
const NOBLE_SCRIPTS = `(() => {
  const session = new Session();
  session.connect();
  const urls = [];
  session.on('Debugger.scriptParsed', (message) => urls.push(message.params.url));
  session.post('Debugger.enable');
  session.post('Debugger.disable');
  session.disconnect();
  return urls.filter((url) => url.includes('/@noble/'));
})()`;

// The backend's side of a background task: seal the task id to the agent's X25519 key (the Montgomery form of its
// Ed25519 public key) as libsodium's crypto_box_seal does, with tweetnacl and BLAKE2b. It runs in a worker thread,
// whose modules are its own, so that only what the auth package loads shows in the main thread. The libraries are
// resolved from the auth package, whose tests use them the same way.
const SEALER = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData);
const nacl = load('tweetnacl');
const { blake2b } = load('@noble/hashes/blake2');
const p = 2n ** 255n - 19n;
const power = (base, exponent) => {
  let result = 1n;
  for (let factor = base % p, e = exponent; e > 0n; e >>= 1n, factor = (factor * factor) % p) if (e & 1n) result = (result * factor) % p;
  return result;
};
parentPort.on('message', ({ sshPublicKey, message }) => {
  const edwards = Buffer.from(sshPublicKey.split(' ')[1], 'base64').subarray(-32);
  const y = [...edwards].reduceRight((value, byte, index) => (value << 8n) | BigInt(index === 31 ? byte & 0x7f : byte), 0n);
  const u = ((1n + y) * power((1n - y + p) % p, p - 2n)) % p;
  const recipient = Uint8Array.from({ length: 32 }, (_, index) => Number((u >> BigInt(8 * index)) & 0xffn));
  const ephemeral = nacl.box.keyPair();
  const nonce = blake2b(Buffer.concat([ephemeral.publicKey, recipient]), { dkLen: nacl.box.nonceLength });
  const box = nacl.box(Buffer.from(message), nonce, recipient, ephemeral.secretKey);
  parentPort.postMessage(Buffer.concat([ephemeral.publicKey, box]).toString('base64'));
});`;
const AUTH_MANIFEST = createRequire(import.meta.url).resolve('@codex-analytics/auth/package.json');

// The probes load the packages by name, the client's own included, so each must be built: `npm test` builds a
// package before its tests (turbo.json), and a bare `vitest run` says what to run instead of failing on a missing file.
const PROBED = ['events', 'facts', 'reducer', 'transport', 'auth', 'client'].map((name) => `@codex-analytics/${name}`);

function missingBuilds(): string[] {
  const resolve = createRequire(import.meta.url).resolve;
  return PROBED.flatMap((name) => {
    const root = dirname(resolve(`${name}/package.json`));
    return ['dist/index.js', 'dist/index.cjs'].filter((entry) => !existsSync(join(root, entry))).map((entry) => `${name}/${entry}`);
  });
}

describe('cold import of the packages under the client', () => {
  beforeAll(() => {
    const missing = missingBuilds();
    if (missing.length > 0) {
      throw new Error(`not built: ${missing.join(', ')}; run \`npx turbo run build --filter=@codex-analytics/client...\` first (npm test does)`);
    }
  });

  for (const kind of ['esm', 'cjs'] as const) {
    it(`${kind}: events, facts, reducer, transport and auth load no zod until a schema is used`, () => {
      const result = probe(
        kind,
        `const events = await load('@codex-analytics/events');
        const facts = await load('@codex-analytics/facts');
        await load('@codex-analytics/reducer');
        await load('@codex-analytics/transport');
        const auth = await load('@codex-analytics/auth');
        auth.createStaticAuthManager({ accessToken: 't', accountId: 'a' });
        const atImport = ${zodLoaded};
        const parsed = facts.safeParseFact(${JSON.stringify(PROBE_FACT)});
        const rejected = facts.safeParseFact({ type: 'hook_run' });
        const envelope = events.trackEventsRequestSchema.safeParse({ events: [] }).success;
        console.log(JSON.stringify({ atImport, afterUse: ${zodLoaded}, parsed: parsed.success, rejected: rejected.success, envelope }));`,
      );
      expect(result).toEqual({ atImport: false, afterUse: true, parsed: true, rejected: false, envelope: true });
    });

    it(`${kind}: an enabled client validates and delivers valid track* facts without loading zod; a rejected fact loads it`, () => {
      const result = probe(
        kind,
        `const { AnalyticsEventsClient } = await load('@codex-analytics/client');
        const auth = await load('@codex-analytics/auth');
        const bodies = [];
        const transport = {
          send: async (request) => { bodies.push(JSON.parse(request.body)); return { status: 'success', statusCode: 200, headers: {}, body: '' }; },
          close: async () => {},
        };
        const client = new AnalyticsEventsClient({
          authManager: auth.createStaticAuthManager({ accessToken: 't', accountId: 'a' }),
          baseUrl: 'http://127.0.0.1:9',
          transport,
          logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} },
        });
        const tracking = { modelSlug: 'm', threadId: 't', turnId: 'u' };
        client.trackHookRun(tracking, { eventName: 'Stop', hookSource: 'user', status: 'completed' });
        client.trackAppUsed({ ...tracking, turnId: 'v' }, { connectorId: 'c', appName: 'A', invocationType: 'explicit' });
        await client.flush();
        const afterValid = ${zodLoaded};
        client.trackHookRun(tracking, { eventName: 'Stop', hookSource: 'user', status: 'done' });
        await client.shutdown({ timeoutMs: 1000 });
        const events = bodies.flatMap((body) => body.events.map((event) => event.event_type));
        console.log(JSON.stringify({ afterValid, afterRejected: ${zodLoaded}, events }));`,
      );
      expect(result).toEqual({ afterValid: false, afterRejected: true, events: ['codex_hook_run', 'codex_app_used'] });
    });

    it(`${kind}: client and auth load no @noble/ module until background-agent-task auth opens its sealed task id`, () => {
      const result = probe(
        kind,
        `const { Session } = await import('node:inspector');
        const { Worker } = await import('node:worker_threads');
        const sealer = new Worker(${JSON.stringify(SEALER)}, { eval: true, execArgv: [], workerData: ${JSON.stringify(AUTH_MANIFEST)} });
        const seal = (sshPublicKey, message) =>
          new Promise((resolve) => { sealer.once('message', resolve); sealer.postMessage({ sshPublicKey, message }); });
        await load('@codex-analytics/client');
        const auth = await load('@codex-analytics/auth');
        const ok = (body, headers = {}) => ({ status: 'success', statusCode: 200, headers, body: JSON.stringify(body) });
        let sshPublicKey;
        const transport = {
          send: async (request) => {
            const path = new URL(request.url).pathname;
            if (path.endsWith('/authenticate_app_v2')) return ok({}, { 'x-openai-authorization': 'biscuit' });
            if (path.endsWith('/v1/agent/register')) {
              sshPublicKey = JSON.parse(request.body).agent_public_key;
              return ok({ agent_runtime_id: 'agent_1' });
            }
            if (path.endsWith('/v1/agent/agent_1/task/register')) return ok({ encrypted_task_id: await seal(sshPublicKey, 'task_7') });
            return { status: 'failure', statusCode: 404, error: new Error('no such endpoint') };
          },
          close: async () => {},
        };
        const manager = auth.createAuthManager({
          credentials: { kind: 'chatgpt', accessToken: 'token', accountId: 'account-1' },
          chatgptBaseUrl: 'https://chatgpt.com/backend-api',
          backgroundAgentTaskAuth: 'enabled',
          transport,
          logger: { warn: () => {} },
        });
        const atImport = ${NOBLE_SCRIPTS};
        const header = await manager.chatgptAuthorizationHeaderForAuth(await manager.auth());
        const afterOpen = ${NOBLE_SCRIPTS};
        await sealer.terminate();
        const assertion = JSON.parse(Buffer.from(header.slice('AgentAssertion '.length), 'base64url').toString('utf8'));
        console.log(JSON.stringify({
          atImport,
          taskId: assertion.task_id,
          afterOpen: {
            salsa: afterOpen.some((url) => /@noble\\/ciphers\\/(esm\\/)?salsa\\.js$/.test(url)),
            blake2: afterOpen.some((url) => /@noble\\/hashes\\/(esm\\/)?blake2\\.js$/.test(url)),
            curves: afterOpen.some((url) => url.includes('/@noble/curves/')),
          },
        }));`,
      );
      expect(result).toEqual({ atImport: [], taskId: 'task_7', afterOpen: { salsa: true, blake2: true, curves: false } });
    });
  }
});
