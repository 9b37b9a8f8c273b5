import type { IncomingMessage, ServerResponse } from 'node:http';

/** Token usage as the Responses API reports it on `response.completed`. */
export interface ModelUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

/** The usage every scripted answer reports unless it says otherwise: the figures of issue 19's referee run. */
export const DEFAULT_USAGE: ModelUsage = { inputTokens: 120, cachedInputTokens: 30, outputTokens: 20, reasoningOutputTokens: 5, totalTokens: 150 };

/** One output item of a scripted answer, as the Responses API streams it in `response.output_item.done`. */
export type ModelOutputItem =
  | { type: 'message'; text: string }
  | { type: 'reasoning'; summary: string }
  | { type: 'function_call'; name: string; arguments: string; callId: string }
  | { type: 'web_search_call'; query: string };

/** What the scripted model answers to one `POST /v1/responses`. */
export type ModelAnswer =
  | { kind: 'stream'; items: ModelOutputItem[]; usage?: ModelUsage }
  /**
   * Streams `response.created`, then holds the stream open until `release()` is called (or the
   * client goes away), and then finishes with `items`: a turn still streaming, to steer or interrupt.
   */
  | { kind: 'hold'; items: ModelOutputItem[]; usage?: ModelUsage }
  /** A `response.failed` event with this error (the model answers an error: the turn fails). */
  | { kind: 'failed'; code: string; message: string }
  /** A plain HTTP error answer. */
  | { kind: 'http_error'; status: number; body: unknown };

/** One request the model got: its input items and what was answered, for the recording and failure messages. */
export interface ModelRequestRecord {
  atMs: number;
  /** `type`s of the request's input items (`message`, `function_call_output`, ...). */
  inputTypes: string[];
  /** What was answered: the kind of the scripted answer, or `unscripted` when the script had run out. */
  answered: string;
}

export interface ScriptedModel {
  /** Handles `POST /v1/responses` (and answers 400 to any other model route). */
  handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void;
  /** Appends answers to the script. */
  enqueue(...answers: ModelAnswer[]): void;
  /** Lets every held stream finish. */
  release(): void;
  /** Resolves once a held stream is open (its `response.created` sent); rejects after `timeoutMs`. */
  waitForHold(timeoutMs: number): Promise<void>;
  readonly requests: ModelRequestRecord[];
  /** Streams still open (held or writing); `close()` ends them. */
  close(): void;
}

/**
 * A model on loopback that answers Codex's Responses API calls from a script, one answer per request, streamed as
 * server-sent events the way the real API does (`response.created`, `response.output_item.done` for each item,
 * `response.completed` with usage). When the script runs out it answers a short message, so a turn always ends.
 */
export function createScriptedModel(options: { startedAt: number; now?: () => number }): ScriptedModel {
  const { startedAt, now = () => Date.now() } = options;
  const script: ModelAnswer[] = [];
  const requests: ModelRequestRecord[] = [];
  const held = new Set<() => void>();
  const holdWaiters: Array<() => void> = [];
  const open = new Set<ServerResponse>();
  let sequence = 0;
  let holdsOpened = 0;
  let holdsAwaited = 0;

  const write = (response: ServerResponse, type: string, data: Record<string, unknown>): void => {
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  };

  const finish = (response: ServerResponse, responseId: string, items: ModelOutputItem[], usage: ModelUsage): void => {
    for (const item of items) write(response, 'response.output_item.done', { item: wireItem(item, (sequence += 1)) });
    write(response, 'response.completed', {
      response: {
        id: responseId,
        usage: {
          input_tokens: usage.inputTokens,
          input_tokens_details: { cached_tokens: usage.cachedInputTokens },
          output_tokens: usage.outputTokens,
          output_tokens_details: { reasoning_tokens: usage.reasoningOutputTokens },
          total_tokens: usage.totalTokens,
        },
      },
    });
    response.end();
    open.delete(response);
  };

  return {
    requests,
    enqueue: (...answers) => {
      script.push(...answers);
    },
    release: () => {
      for (const resume of [...held]) resume();
      held.clear();
    },
    waitForHold: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        holdsAwaited += 1;
        if (holdsOpened >= holdsAwaited) return resolve();
        const timer = setTimeout(() => reject(new Error(`the model's held stream did not open within ${timeoutMs} ms`)), timeoutMs);
        holdWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    close: () => {
      held.clear();
      for (const response of open) response.destroy();
      open.clear();
    },
    handle: (_request, body, response) => {
      const parsed = parseBody(body);
      const answer = script.shift();
      requests.push({
        atMs: now() - startedAt,
        inputTypes: parsed.inputTypes,
        answered: answer?.kind ?? 'unscripted',
      });
      if (answer?.kind === 'http_error') {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
        return;
      }
      sequence += 1;
      const responseId = `resp_conformance_${sequence}`;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      open.add(response);
      write(response, 'response.created', { response: { id: responseId } });
      if (answer?.kind === 'failed') {
        write(response, 'response.failed', { response: { id: responseId, error: { code: answer.code, message: answer.message } } });
        response.end();
        open.delete(response);
        return;
      }
      const items = answer?.items ?? [{ type: 'message', text: 'Done.' }];
      const usage = answer?.usage ?? DEFAULT_USAGE;
      if (answer?.kind === 'hold') {
        const resume = (): void => {
          if (!response.destroyed) finish(response, responseId, items, usage);
        };
        held.add(resume);
        // The response's close (not the request's: that fires once its body is read) means the client went away.
        response.once('close', () => held.delete(resume));
        holdsOpened += 1;
        holdWaiters.shift()?.();
        return;
      }
      finish(response, responseId, items, usage);
    },
  };
}

function wireItem(item: ModelOutputItem, sequence: number): Record<string, unknown> {
  switch (item.type) {
    case 'message':
      return { type: 'message', role: 'assistant', id: `msg_${sequence}`, content: [{ type: 'output_text', text: item.text, annotations: [] }] };
    case 'reasoning':
      return { type: 'reasoning', id: `rs_${sequence}`, summary: [{ type: 'summary_text', text: item.summary }], content: null, encrypted_content: null };
    case 'function_call':
      return { type: 'function_call', id: `fc_${sequence}`, name: item.name, arguments: item.arguments, call_id: item.callId };
    case 'web_search_call':
      return { type: 'web_search_call', id: `ws_${sequence}`, status: 'completed', action: { type: 'search', query: item.query } };
  }
}

function parseBody(body: Buffer): { inputTypes: string[] } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { input?: unknown };
    const inputTypes = Array.isArray(parsed.input)
      ? parsed.input.map((item) => {
          const type = (item as { type?: unknown }).type;
          return typeof type === 'string' ? type : 'message';
        })
      : [];
    return { inputTypes };
  } catch {
    return { inputTypes: [] };
  }
}
