import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRACK_EVENTS_PATH } from '@codex-analytics/events';
import type { ScriptedModel } from './scripted-model.js';

/** One HTTP request the Codex CLI made to the loopback backend. */
export interface BackendRequest {
  atMs: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body, as received. */
  body: Buffer;
  /** The status the CLI got back. */
  status: number;
}

export interface LoopbackBackend {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: BackendRequest[];
  /** `CONNECT host:port` attempts through the proxy trap: each one was refused, nothing left the machine. */
  readonly blockedTunnels: string[];
  close(): Promise<void>;
}

const analyticsPath = `/backend-api${TRACK_EVENTS_PATH}`;

/**
 * The one address the Codex CLI is given for everything (ChatGPT backend, model API, HTTP(S) proxy), on 127.0.0.1.
 * The analytics POSTs are recorded and forwarded to the collector at `collectorUrl`, whose answer goes back to the
 * CLI; every other request is recorded and answered 400 at once (so the model API fails fast and is not retried);
 * a `CONNECT` (an attempt to reach another host through the proxy) is recorded and refused.
 */
export async function startLoopbackBackend(options: {
  collectorUrl: string;
  startedAt: number;
  now?: () => number;
  /** Answers `POST /v1/responses` (the model API); without one, the model API is answered 400 like any other route. */
  model?: ScriptedModel;
}): Promise<LoopbackBackend> {
  const { collectorUrl, startedAt, now = () => Date.now(), model } = options;
  const requests: BackendRequest[] = [];
  const blockedTunnels: string[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = request.url ?? '/';
      const record = (status: number) =>
        requests.push({ atMs: now() - startedAt, method: request.method ?? 'GET', path, headers: flatHeaders(request.headers), body, status });
      if (request.method === 'POST' && path === analyticsPath) {
        forward(`${collectorUrl}${analyticsPath}`, request.headers, body).then(
          ({ status, text }) => {
            record(status);
            response.writeHead(status, { 'content-type': 'application/json' });
            response.end(text);
          },
          (error: unknown) => {
            record(502);
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ error: 'collector_unreachable', message: error instanceof Error ? error.message : String(error) }));
          },
        );
        return;
      }
      if (model !== undefined && request.method === 'POST' && path.split('?')[0] === '/v1/responses') {
        record(200);
        model.handle(request, body, response);
        return;
      }
      record(400);
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'conformance backend: no model API or backend route here', type: 'invalid_request_error' } }));
    });
  });
  server.on('connect', (request, socket) => {
    blockedTunnels.push(request.url ?? '?');
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  // A websocket upgrade (the model API over websockets) is refused the same way.
  server.on('upgrade', (_request, socket) => {
    socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    blockedTunnels,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function forward(url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<{ status: number; text: string }> {
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(flatHeaders(headers))) {
    if (name === 'host' || name === 'content-length' || name === 'connection') continue;
    forwarded[name] = value;
  }
  const response = await fetch(url, { method: 'POST', headers: forwarded, body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text() };
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
