import type { IncomingMessage } from 'node:http';

export type BodyReadResult = { kind: 'ok'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/** After the cap, this many more bytes are read and thrown away so the client can still read the 413; then the socket is closed. */
const discardLimitBytes = 1024 * 1024;

/**
 * Reads the request body into memory, up to `maxBytes`. A declared `content-length` over the cap is refused
 * before anything is read; a body that grows past the cap stops being buffered at once. In both cases the
 * caller answers 413 with `connection: close`; at most `discardLimitBytes` more are drained, then the socket
 * is destroyed.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<BodyReadResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardRest(request);
    return Promise.resolve({ kind: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        detach();
        chunks.length = 0;
        discardRest(request);
        resolve({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      detach();
      resolve({ kind: 'ok', body: Buffer.concat(chunks) });
    };
    const onAbort = () => {
      detach();
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
