import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { silentLogger } from './client-logger.js';
import { FakeTransport } from './__fixtures__/fake-transport.js';
import { chatgptAuth, hook, runtime, tracking } from './__fixtures__/fixtures.js';
import { codexUserAgent, createRequestIdentity, detectOsType, RESIDENCY_HEADER, terminalName, withRequestHeaders } from './request-headers.js';

const debian = { ...runtime, codex_rs_version: '0.169.0', runtime_os_version: '12.0.0' };

describe('the request identity headers', () => {
  it('are formatted as Codex CLI 0.169.0 sent them, before and after an app-server client names the process', () => {
    const identity = createRequestIdentity({ runtimeMetadata: () => debian, env: { TERM: 'xterm' }, osType: () => 'Debian' });
    // Recorded in tooling/conformance/recordings/codex-0.169.0 (requests before the client initialized, and after).
    expect(identity.headers()).toEqual({ originator: 'codex_cli_rs', 'user-agent': 'codex_cli_rs/0.169.0 (Debian 12.0.0; x86_64) xterm' });

    identity.claim({ name: 'codex_vscode', version: '1.2.3' });
    expect(identity.headers()).toEqual({
      originator: 'codex_vscode',
      'user-agent': 'codex_vscode/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_vscode; 1.2.3)',
    });

    // The first client keeps the name: a second initialize does not rename the process.
    identity.claim({ name: 'another', version: '9' });
    expect(identity.headers().originator).toBe('codex_vscode');
  });

  it('keep a fixed originator (the process override) with no client suffix, and add the residency header when configured', () => {
    const identity = createRequestIdentity({ originator: 'codex_sdk_ts', runtimeMetadata: () => debian, residency: 'us', env: {}, osType: () => 'Debian' });
    identity.claim({ name: 'codex_vscode', version: '1.2.3' });
    expect(identity.headers()).toEqual({
      originator: 'codex_sdk_ts',
      'user-agent': 'codex_sdk_ts/0.169.0 (Debian 12.0.0; x86_64) unknown',
      [RESIDENCY_HEADER]: 'us',
    });
  });

  it('are always visible ASCII with the upstream shape, whatever the names and versions', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (name, version, term) => {
        const identity = createRequestIdentity({ runtimeMetadata: () => debian, env: { TERM: term }, osType: () => 'Debian' });
        identity.claim({ name, version });
        for (const value of Object.values(identity.headers())) expect(value).toMatch(/^[\x20-\x7e]*$/);
        expect(identity.headers()['user-agent']).toMatch(/^.*\/0\.169\.0 \(Debian 12\.0\.0; x86_64\) \S+( \(.*\))?$/);
      }),
    );
  });

  it('name the terminal and the OS as upstream does', () => {
    expect(terminalName({ TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.99.0', TERM: 'xterm-256color' })).toBe('vscode/1.99.0');
    expect(terminalName({ TERM: 'xterm-256color' })).toBe('xterm-256color');
    expect(terminalName({})).toBe('unknown');
    expect(detectOsType('linux', () => 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n')).toBe('Debian');
    expect(detectOsType('linux', () => 'ID="ubuntu"\n')).toBe('Ubuntu');
    expect(detectOsType('linux', () => { throw new Error('no file'); })).toBe('Linux');
    expect(detectOsType('macos')).toBe('Mac OS');
    expect(detectOsType('windows')).toBe('Windows');
    expect(codexUserAgent({ originator: 'o', version: '1', osType: 'Mac OS', osVersion: '15.3.1', arch: 'arm64', terminal: 'Apple_Terminal', suffix: 'bad\rname; 1' })).toBe(
      'o/1 (Mac OS 15.3.1; arm64) Apple_Terminal (bad_name; 1)',
    );
  });

  it('never replace the credentials, and a failing identity costs only the identity headers', async () => {
    const sent: Record<string, string>[] = [];
    const inner = { send: (request: { headers: Record<string, string> }) => (sent.push(request.headers), Promise.resolve({ status: 'success', statusCode: 200 } as const)), close: () => Promise.resolve() };
    await withRequestHeaders(inner as never, () => ({ authorization: 'forged', originator: 'o' })).send({ url: 'http://x/', headers: { authorization: 'Bearer real' } });
    await withRequestHeaders(inner as never, () => {
      throw new Error('no runtime');
    }).send({ url: 'http://x/', headers: { authorization: 'Bearer real' } });
    expect(sent).toEqual([{ authorization: 'Bearer real', originator: 'o' }, { authorization: 'Bearer real' }]);
  });
});

describe('AnalyticsEventsClient', () => {
  it('sends the identity headers, named after the first initializing client as upstream does', async () => {
    const transport = new FakeTransport();
    const client = new AnalyticsEventsClient({ authManager: chatgptAuth(), baseUrl: 'http://unused/', transport, logger: silentLogger, runtimeMetadata: debian, residency: 'us' });
    client.trackHookRun(tracking('turn-1'), hook);
    await client.flush();
    client.trackInitialize(1, { clientInfo: { name: 'codex_vscode', title: null, version: '1.2.3' }, capabilities: null }, 'codex_vscode', 'stdio');
    client.trackHookRun(tracking('turn-2'), hook);
    await client.shutdown();

    const [before, after] = transport.requests.map((request) => request.headers);
    expect(before).toMatchObject({ originator: 'codex_cli_rs', 'user-agent': expect.stringMatching(/^codex_cli_rs\/0\.169\.0 \([^;]+ 12\.0\.0; x86_64\) \S+$/), [RESIDENCY_HEADER]: 'us' });
    expect(after).toMatchObject({ originator: 'codex_vscode', 'user-agent': expect.stringMatching(/^codex_vscode\/0\.169\.0 \(.+\) \S+ \(codex_vscode; 1\.2\.3\)$/) });
    expect(after?.authorization).toBe('Bearer secret-token');
  });
});
