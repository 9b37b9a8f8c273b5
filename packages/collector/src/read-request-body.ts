import type { IncomingMessage } from 'node:http';
import type { BodyBudget } from './body-budget.js';

export type BodyReadResult =
  | {
      kind: 'ok';
      body: Buffer;
      /** Gives back the body's reservation in the budget; call once the body and what was parsed from it are done. */
      release(): void;
    }
  | { kind: 'too_large' }
  | { kind: 'aborted' }
  /** The budget of body bytes in flight was spent: the body was read and thrown away; answer 503 with Retry-After. */
  | { kind: 'busy' };

/** After the cap, this many more bytes are read and thrown away so the client can still read the 413; then the socket is closed. */
const discardLimitBytes = 1024 * 1024;

/**
 * Reads the request body into memory, up to `maxBytes`. A declared `content-length` over the cap is refused
 * before anything is read; a body that grows past the cap stops being buffered at once. In both cases the
 * caller answers 413 with `connection: close`; at most `discardLimitBytes` more are drained, then the socket
 * is destroyed.
 *
 * With a `budget`, the body's bytes are reserved in it (the declared length before reading, else chunk by chunk).
 * When the budget has no room, nothing more is kept: the rest of the body is drained unbuffered (so the client can
 * read the answer) and the result is `busy`.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number, budget?: BodyBudget): Promise<BodyReadResult> {
  const declared = Number(request.headers['content-length']);
  const hasDeclared = request.headers['content-length'] !== undefined && Number.isFinite(declared);
  if (hasDeclared && declared > maxBytes) {
    discardRest(request);
    return Promise.resolve({ kind: 'too_large' });
  }
  let reserved = 0;
  const release = () => {
    budget?.release(reserved);
    reserved = 0;
  };
  if (budget !== undefined && hasDeclared) {
    if (!budget.tryReserve(declared)) return drainThenBusy(request);
    reserved = declared;
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        detach();
        chunks.length = 0;
        release();
        discardRest(request);
        resolve({ kind: 'too_large' });
        return;
      }
      if (budget !== undefined && received > reserved) {
        if (!budget.tryReserve(received - reserved)) {
          detach();
          chunks.length = 0;
          release();
          resolve(drainThenBusy(request));
          return;
        }
        reserved = received;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      detach();
      resolve({ kind: 'ok', body: Buffer.concat(chunks), release });
    };
    const onAbort = () => {
      detach();
      release();
      resolve({ kind: 'aborted' });
    };
    const detach = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('close', onClose);
    };
    // `close` before `end` means the client went away mid-body.
    const onClose = () => {
      if (!request.complete) onAbort();
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAbort);
    request.on('close', onClose);
  });
}

function discardRest(request: IncomingMessage): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > discardLimitBytes) request.socket.destroy();
  });
  request.on('error', () => undefined);
  request.resume();
}

/** Reads the rest of the body without keeping it, then resolves `busy` (`aborted` when the client goes away first). */
function drainThenBusy(request: IncomingMessage): Promise<BodyReadResult> {
  if (request.complete) return Promise.resolve({ kind: 'busy' });
  return new Promise((resolve) => {
    request.on('end', () => resolve({ kind: 'busy' }));
    request.on('error', () => resolve({ kind: 'aborted' }));
    request.on('close', () => {
      if (!request.complete) resolve({ kind: 'aborted' });
    });
    request.resume();
  });
}
