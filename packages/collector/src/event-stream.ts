import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesFilter } from './event-filter.js';
import type { EventFilter } from './event-filter.js';
import type { EventStore } from './event-store.js';
import type { StoredEvent } from './stored-event.js';

/** The open `GET /api/stream` responses: server-sent events, one `message` per stored event. */
export interface EventStreamHub {
  /**
   * Starts a stream. Events with an id above `afterId` are replayed first (the page passes `after=0`; a
   * reconnecting `EventSource` sends `Last-Event-ID`), then every new event that matches the filter follows.
   */
  open(request: IncomingMessage, response: ServerResponse, options: { filter: EventFilter; afterId: number | undefined }): void;
  /**
   * Sends a named event (`event: <name>`, no id, so `Last-Event-ID` still counts stored events only) to every open
   * stream: `rejection` for a refused request, `cleared` when the stored events were cleared.
   */
  broadcast(name: string, data: unknown): void;
  /** Ends every stream (on close). */
  closeAll(): void;
}

export interface EventStreamOptions {
  /** Interval of the keep-alive comments, in ms. */
  heartbeatMs: number;
  /**
   * Most bytes one stream may hold unsent (queued here plus buffered in its response). A reader that falls further
   * behind is dropped: told to reconnect, its queue freed, its socket destroyed after `dropGraceMs`.
   */
  maxBufferedBytes: number;
  /** Called once per dropped stream (the collector counts them in `stats().droppedStreams`). */
  onDrop?: () => void;
  /** How long a dropped stream may take to flush its goodbye before its socket is destroyed. Default: 1000 ms. */
  dropGraceMs?: number;
}

/** The last words to a dropped stream: a comment saying why, and the reconnection delay of `EventSource`. */
export const droppedStreamText = ': dropped: this reader fell too far behind; reconnect (Last-Event-ID) to catch up\nretry: 1000\n\n';

/**
 * Every stream writes through its own queue: the replayed events first, then what arrives, handed to the response
 * only while it takes them (`write` returns `true`, else on `drain`). What is queued plus what the response buffers
 * never exceeds `maxBufferedBytes` (plus one message): a reader that does not keep up is dropped, never buffered
 * without bound.
 */
export function createEventStreamHub(store: EventStore, options: EventStreamOptions): EventStreamHub {
  const { heartbeatMs, maxBufferedBytes, onDrop, dropGraceMs = 1000 } = options;
  const open = new Set<() => void>();
  const writers = new Set<(next: Message) => void>();
  // Every stream gets the same text for an event: made once (listeners are told one event at a time).
  let lastStored: StoredEvent | undefined;
  let lastMessage: Message = { text: '', bytes: 0 };
  const eventMessage = (stored: StoredEvent): Message => {
    if (stored !== lastStored) {
      // JSON.stringify escapes newlines inside strings, so one `data:` line carries the whole event.
      lastMessage = message(`id: ${stored.id}\ndata: ${JSON.stringify(stored)}\n\n`);
      lastStored = stored;
    }
    return lastMessage;
  };
  const heartbeatMessage = message(': keep-alive\n\n');

  return {
    open: (request, response, { filter, afterId }) => {
      request.socket.setNoDelay(true);
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 1000\n\n');
      let replay = afterId === undefined ? [] : store.list({ ...filter, afterId });
      let replayed = 0;
      let queue: Message[] = [];
      let queuedBytes = 0;
      let ended = false;

      const pump = () => {
        while (!ended) {
          let next: Message;
          if (replayed < replay.length) next = eventMessage(replay[replayed++]!);
          else if (queue.length > 0) {
            next = queue.shift()!;
            queuedBytes -= next.bytes;
          } else break;
          if (!response.write(next.text)) return;
        }
        if (replayed === replay.length && replay.length > 0) {
          replay = [];
          replayed = 0;
        }
      };
      const send = (next: Message) => {
        if (ended) return;
        queue.push(next);
        queuedBytes += next.bytes;
        if (!response.writableNeedDrain) pump();
        if (queuedBytes + response.writableLength > maxBufferedBytes) drop();
      };

      const unsubscribe = store.subscribe((stored) => {
        if (matchesFilter(stored, filter)) send(eventMessage(stored));
      });
      const heartbeat = setInterval(() => send(heartbeatMessage), heartbeatMs);
      heartbeat.unref();
      writers.add(send);
      const release = () => {
        if (ended) return false;
        ended = true;
        open.delete(end);
        writers.delete(send);
        clearInterval(heartbeat);
        unsubscribe();
        response.off('drain', pump);
        replay = [];
        queue = [];
        queuedBytes = 0;
        return true;
      };
      const end = () => {
        if (release()) response.end();
      };
      const drop = () => {
        if (!release()) return;
        onDrop?.();
        // The connection ends with the stream (its reader reconnects), once the goodbye is flushed to the kernel...
        const { socket } = response;
        response.end(droppedStreamText, () => socket?.end());
        // ...but a reader that never reads would hold the buffered bytes until a timeout: let it go.
        const destroy = setTimeout(() => response.destroy(), dropGraceMs);
        destroy.unref();
        response.once('close', () => clearTimeout(destroy));
      };
      open.add(end);
      response.on('drain', pump);
      // The response closes when the client goes away (or when `end` ends it).
      response.on('close', end);
      pump();
    },
    broadcast: (name, data) => {
      const named = message(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      for (const write of writers) write(named);
    },
    closeAll: () => {
      for (const end of [...open]) end();
    },
  };
}

interface Message {
  text: string;
  bytes: number;
}

function message(text: string): Message {
  return { text, bytes: Buffer.byteLength(text) };
}
