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

export function createEventStreamHub(store: EventStore, heartbeatMs: number): EventStreamHub {
  const open = new Set<() => void>();
  const writers = new Set<(text: string) => void>();

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
      const send = (stored: StoredEvent) => {
        // JSON.stringify escapes newlines inside strings, so one `data:` line carries the whole event.
        response.write(`id: ${stored.id}\ndata: ${JSON.stringify(stored)}\n\n`);
      };
      if (afterId !== undefined) {
        for (const stored of store.list({ ...filter, afterId })) send(stored);
      }
      const unsubscribe = store.subscribe((stored) => {
        if (matchesFilter(stored, filter)) send(stored);
      });
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const write = (text: string) => void response.write(text);
      writers.add(write);
      const end = () => {
        if (!open.delete(end)) return;
        writers.delete(write);
        clearInterval(heartbeat);
        unsubscribe();
        response.end();
      };
      open.add(end);
      // The response closes when the client goes away (or when `end` ends it).
      response.on('close', end);
    },
    broadcast: (name, data) => {
      const text = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const write of writers) write(text);
    },
    closeAll: () => {
      for (const end of [...open]) end();
    },
  };
}
