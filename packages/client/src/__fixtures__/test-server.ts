import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  url: string;
  headers: IncomingHttpHeaders;
  events: Record<string, unknown>[];
  /** The status the server answered with; 0 when it reset the connection instead. */
  statusCode: number;
}

export interface Reply {
  statusCode: number;
  headers?: Record<string, string>;
  delayMs?: number;
  /** The response body (default `{}`); a function gets the request's headers (a server that echoes them). */
  body?: string | ((headers: IncomingHttpHeaders) => string);
  /** Destroys the connection instead of answering (the request is not accepted). */
  reset?: boolean;
}

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:1234/backend-api/`. */
  baseUrl: string;
  received: ReceivedRequest[];
  /** Events of the requests answered 2xx, in arrival order. */
  accepted(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** A minimal backend on 127.0.0.1: records each request and answers as `reply` says (default 200). */
export async function startTestServer(reply: (index: number) => Reply = () => ({ statusCode: 200 })): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.length;
      const { statusCode, headers, delayMs, body: replyBody, reset } = reply(index);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Record<string, unknown>[] };
      const answered = reset === true ? 0 : statusCode;
      received.push({ at: Date.now(), url: request.url ?? '', headers: request.headers, events: body.events, statusCode: answered });
      const answer = (): void => {
        if (reset === true) {
          request.socket.destroy();
          return;
        }
        const text = typeof replyBody === 'function' ? replyBody(request.headers) : (replyBody ?? '{}');
        response.writeHead(statusCode, { 'content-type': 'application/json', ...headers }).end(text);
      };
      if (delayMs === undefined) answer();
      else setTimeout(answer, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/backend-api/`,
    received,
    accepted: () => received.filter((request) => request.statusCode >= 200 && request.statusCode < 300).flatMap((request) => request.events),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A base URL on which nothing listens (a port that was just released). */
export async function downBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/backend-api`;
}
