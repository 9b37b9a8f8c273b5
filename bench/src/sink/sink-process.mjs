// The sink: a minimal counting HTTP server on 127.0.0.1, run in its own process (forked by sink-handle.mjs).
//
// argv[2] is JSON `{ expected, faults }`. It answers the three protocols (see sink-protocols.mjs), gunzips
// `content-encoding: gzip` bodies, applies the faults, and counts requests, bytes and events (each event once, by
// the bench id in its payload). The harness talks to it over IPC: `{ id, cmd: 'stats' | 'waitForAll' | 'close' }`.

import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { createFaultPlan } from './fault-plan.mjs';
import { protocolFor } from './sink-protocols.mjs';
import { SinkState } from './sink-state.mjs';

const gunzipAsync = promisify(gunzip);
const config = JSON.parse(process.argv[2] ?? '{}');
const state = new SinkState(config.expected ?? 0, { arrivals: config.arrivals === true });
const plan = createFaultPlan(config.faults);

function headerBytesOf(req) {
  let bytes = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length + 2;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) bytes += raw[i].length + raw[i + 1].length + 4;
  return bytes;
}

async function decodeBody(req, body) {
  const encoding = (req.headers['content-encoding'] ?? '').toLowerCase();
  const raw = encoding === 'gzip' ? await gunzipAsync(body) : body;
  const text = raw.toString('utf8');
  return { json: JSON.parse(text), jsonBytes: raw.length };
}

function reply(res, status) {
  const body = status === 200 ? '{"status":"ok"}' : `{"error":"bench fault ${status}"}`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  state.onStatus(status);
}

async function handle(req, res) {
  const n = state.onRequest(headerBytesOf(req));
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
    state.onBodyBytes(chunk.length);
  }
  const protocol = protocolFor(req.url ?? '');
  if (req.method !== 'POST' || protocol === undefined) return reply(res, 404);
  let decoded;
  try {
    decoded = await decodeBody(req, Buffer.concat(chunks));
  } catch {
    state.onBadBody();
    return reply(res, 400);
  }
  const events = protocol.events(decoded.json);
  if (!Array.isArray(events)) {
    state.onBadBody();
    return reply(res, 400);
  }
  const status = plan.statusFor(n);
  if (plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
  if (res.destroyed || req.socket.destroyed) {
    state.onRejected(events, decoded.jsonBytes);
    return undefined;
  }
  if (status === 200) state.onAccepted(protocol, events, decoded.jsonBytes);
  else state.onRejected(events, decoded.jsonBytes);
  return reply(res, status);
}

const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent && !res.destroyed) reply(res, 500);
  });
});
server.on('connection', (socket) => {
  state.onConnection(1);
  socket.on('close', () => state.onConnection(-1));
});

function close() {
  server.closeAllConnections();
  server.close();
}

process.on('message', (message) => {
  const { id, cmd } = message ?? {};
  if (cmd === 'stats') {
    process.send({ id, stats: state.snapshot() });
  } else if (cmd === 'waitForAll') {
    state.waitForAll(message.timeoutMs ?? 0).then(() => process.send({ id, stats: state.snapshot() }));
  } else if (cmd === 'close') {
    close();
    process.send({ id, stats: state.snapshot() }, () => process.exit(0));
  }
});
// The harness is gone: never outlive it.
process.on('disconnect', () => {
  close();
  process.exit(0);
});

server.listen(0, '127.0.0.1', () => {
  process.send({ ready: true, port: server.address().port });
});
