import type { AppServerSession, JsonRpcMessage } from './app-server-session.js';
import type { ModelAnswer, ScriptedModel } from './scripted-model.js';

/** What a scenario drives: the app-server on stdio, the scripted model, the work folder, and a log. */
export interface ScenarioContext {
  session: AppServerSession;
  model: ScriptedModel;
  workDir: string;
  log: (line: string) => void;
}

/** A turn as it ended: its id and final status (`completed`, `failed`, `interrupted`), and its error if any. */
export interface TurnOutcome {
  turnId: string;
  status: string;
  error: unknown;
}

export const CONFORMANCE_CLIENT_NAME = 'codex_analytics_conformance';

const TURN_TIMEOUT_MS = 60_000;

/** `initialize` (as our conformance client, experimental API on) and `initialized`. */
export async function initialize(ctx: ScenarioContext): Promise<void> {
  expectResult(
    await ctx.session.request('initialize', {
      clientInfo: { name: CONFORMANCE_CLIENT_NAME, title: 'codex-analytics conformance', version: '0.1.0' },
      capabilities: { experimentalApi: true },
    }),
    'initialize',
  );
  ctx.session.notify('initialized');
}

/** `thread/start` in the work folder; the new thread's id. */
export async function startThread(ctx: ScenarioContext): Promise<string> {
  return stringAt(expectResult(await ctx.session.request('thread/start', { cwd: ctx.workDir }), 'thread/start'), ['thread', 'id'], 'thread/start');
}

export function textInput(text: string): unknown[] {
  return [{ type: 'text', text, text_elements: [] }];
}

/** Sends `turn/start` with the model's answers queued first; the turn's id (the turn runs on). */
export async function beginTurn(ctx: ScenarioContext, threadId: string, text: string, answers: ModelAnswer[]): Promise<string> {
  ctx.model.enqueue(...answers);
  const response = await ctx.session.request('turn/start', { threadId, input: textInput(text) });
  return stringAt(expectResult(response, 'turn/start'), ['turn', 'id'], 'turn/start');
}

/** Waits (bounded) for the turn's `turn/completed` and says how it ended. */
export async function turnEnd(ctx: ScenarioContext, turnId: string): Promise<TurnOutcome> {
  const completed = await ctx.session.waitForNotification(
    (message) => message.method === 'turn/completed' && stringAtOr(message.params, ['turn', 'id']) === turnId,
    TURN_TIMEOUT_MS,
    `turn/completed of ${turnId}`,
  );
  const turn = (completed.params as { turn?: { status?: unknown; error?: unknown } }).turn ?? {};
  return { turnId, status: String(turn.status), error: turn.error ?? null };
}

/** A whole turn: begun, answered by the script, ended. */
export async function runTurn(ctx: ScenarioContext, threadId: string, text: string, answers: ModelAnswer[]): Promise<TurnOutcome> {
  return turnEnd(ctx, await beginTurn(ctx, threadId, text, answers));
}

export function expectResult(message: JsonRpcMessage, what: string): unknown {
  if (message.error !== undefined) throw new Error(`${what} failed: ${message.error.code} ${message.error.message}`);
  return message.result;
}

export function expectError(message: JsonRpcMessage, what: string): { code: number; message: string } {
  if (message.error === undefined) throw new Error(`${what} was expected to fail, and succeeded`);
  return message.error;
}

export function stringAt(value: unknown, path: readonly string[], what: string): string {
  const found = stringAtOr(value, path);
  if (found === undefined) throw new Error(`${what}: the result has no ${path.join('.')}`);
  return found;
}

export function stringAtOr(value: unknown, path: readonly string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}
