import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from './create-http-transport.js';
import type { Transport } from './transport.js';

// Real sockets on 127.0.0.1: what MockAgent cannot show (connection reuse, refused ports, a stalled body).
let server: Server | undefined;
let transport: Transport | undefined;

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
  }
});

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readAll(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

describe('createHttpTransport over real sockets', () => {
  it('reuses one keep-alive connection for sequential requests', async () => {
    const bodies: string[] = [];
    const base = await listen((request, response) => {
      void readAll(request).then((body) => {
        bodies.push(body);
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`ack ${bodies.length}`);
      });
    });
    let connections = 0;
    server?.on('connection', () => {
      connections += 1;
    });
    // One socket per origin: a request may only go out once the previous one has released it. (With a larger
    // pool undici may open a second socket when the next request is dispatched in the same tick as the release.)
    transport = createHttpTransport({ retry: false, connections: 1 });
    const results = [];
    for (let index = 0; index < 3; index += 1) {
      results.push(await transport.send({ url: `${base}/events`, headers: { 'content-type': 'application/json' }, body: `{"n":${index}}` }));
    }
    expect(results.map((result) => result.status === 'success' && result.body)).toEqual(['ack 1', 'ack 2', 'ack 3']);
    expect(bodies).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
    expect(connections).toBe(1);
  });

  it('reports a refused connection as retryable', async () => {
    const base = await listen(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    transport = createHttpTransport({ retry: false });
    const result = await transport.send({ url: `${base}/events`, headers: {}, body: '{}' });
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'NETWORK', causeCode: 'ECONNREFUSED' } });
  });

  it('reports a connection closed mid-request as retryable', async () => {
    const base = await listen((request) => {
      request.socket.destroy();
    });
    transport = createHttpTransport({ retry: false });
    const result = await transport.send({ url: `${base}/events`, headers: {}, body: '{}' });
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'NETWORK' } });
  });

  it('applies the deadline to the body, not only the headers', async () => {
    const base = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial'); // and never end
    });
    transport = createHttpTransport({ retry: false, timeoutMs: 100 });
    const result = await transport.send({ url: `${base}/events`, headers: {}, body: '{}' });
    expect(result).toMatchObject({ status: 'retryable', error: { code: 'TIMEOUT' } });
  });

  it('retries a 503 on the owned agent and then succeeds', async () => {
    let calls = 0;
    const base = await listen((request, response) => {
      calls += 1;
      void readAll(request).then(() => {
        if (calls === 1) response.writeHead(503, { 'retry-after': '0' }).end('busy');
        else response.writeHead(200).end('ok');
      });
    });
    transport = createHttpTransport({ retry: { initialBackoffMs: 1, random: () => 0 } });
    expect(await transport.send({ url: `${base}/events`, headers: {}, body: '{}' })).toMatchObject({
      status: 'success',
      body: 'ok',
      attempts: 2,
    });
  });
});
