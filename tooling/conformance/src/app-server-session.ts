import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { JsonRpcRecord } from './recording.js';

export interface JsonRpcMessage {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
  [key: string]: unknown;
}

export interface AppServerSessionOptions {
  binary: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  startedAt: number;
  now?: () => number;
  /** Receives the app-server's stderr lines (its logs). Default: dropped. */
  onStderr?: (line: string) => void;
}

/** A running `codex app-server` on stdio: JSON-RPC both ways, every message recorded in order, every wait bounded. */
export interface AppServerSession {
  readonly pid: number;
  /** Every message both ways, in order. */
  readonly traffic: JsonRpcRecord[];
  /** Sends a request and resolves with its response (result or error); rejects after `timeoutMs`. */
  request(method: string, params: unknown, timeoutMs?: number): Promise<JsonRpcMessage>;
  /** Sends a request whose `method` is made up or whose body is otherwise invalid, exactly as given. */
  requestRaw(message: Record<string, unknown>, timeoutMs?: number): Promise<JsonRpcMessage>;
  notify(method: string, params?: unknown): void;
  /** Resolves with the first notification (already received or to come) matching `predicate`; rejects after `timeoutMs`. */
  waitForNotification(predicate: (message: JsonRpcMessage) => boolean, timeoutMs: number, what: string): Promise<JsonRpcMessage>;
  /** Closes stdin (the app-server exits on EOF), then kills the process by pid if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: string | null; killed: boolean }>;
}

export function startAppServerSession(options: AppServerSessionOptions): AppServerSession {
  const { startedAt, now = () => Date.now() } = options;
  const child = spawn(options.binary, [...options.args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${options.binary}`);
  const pid = child.pid;
  const traffic: JsonRpcRecord[] = [];
  const pending = new Map<number | string, (message: JsonRpcMessage) => void>();
  const notifications: JsonRpcMessage[] = [];
  const watchers = new Set<(message: JsonRpcMessage) => void>();
  let nextId = 0;
  let exited: { code: number | null; signal: string | null } | undefined;
  const exitWaiters: Array<() => void> = [];

  child.once('exit', (code, signal) => {
    exited = { code, signal };
    for (const waiter of exitWaiters.splice(0)) waiter();
  });
  child.once('error', () => {
    exited ??= { code: null, signal: null };
    for (const waiter of exitWaiters.splice(0)) waiter();
  });
  // A write after the process ended must not crash the test runner.
  child.stdin.on('error', () => {});

  const record = (direction: JsonRpcRecord['direction'], message: JsonRpcMessage) =>
    traffic.push({ seq: traffic.length + 1, direction, atMs: now() - startedAt, message });

  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.trim() === '') return;
    let message: JsonRpcMessage;
    try {
      message = JSON.parse(line) as JsonRpcMessage;
    } catch {
      options.onStderr?.(`stdout (not JSON): ${line}`);
      return;
    }
    record('from_server', message);
    const isResponse = message.id !== undefined && message.method === undefined;
    if (isResponse) {
      const resolve = pending.get(message.id!);
      pending.delete(message.id!);
      resolve?.(message);
      return;
    }
    if (message.method !== undefined && message.id === undefined) {
      notifications.push(message);
      for (const watcher of watchers) watcher(message);
    }
  });
  if (options.onStderr !== undefined) createInterface({ input: child.stderr }).on('line', options.onStderr);
  else child.stderr.resume();

  const write = (message: JsonRpcMessage) => {
    record('to_server', message);
    child.stdin.write(`${JSON.stringify(message)}\n`);
  };

  const awaitResponse = (id: number | string, what: string, timeoutMs: number) =>
    new Promise<JsonRpcMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no response to ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });

  return {
    pid,
    traffic,
    request: (method, params, timeoutMs = 30_000) => {
      const id = nextId++;
      const response = awaitResponse(id, method, timeoutMs);
      write({ id, method, params });
      return response;
    },
    requestRaw: (message, timeoutMs = 30_000) => {
      const id = nextId++;
      const response = awaitResponse(id, String(message.method), timeoutMs);
      write({ ...message, id });
      return response;
    },
    notify: (method, params) => write(params === undefined ? { method } : { method, params }),
    waitForNotification: (predicate, timeoutMs, what) => {
      const seen = notifications.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const watcher = (message: JsonRpcMessage) => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          watchers.delete(watcher);
          resolve(message);
        };
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error(`no ${what} notification within ${timeoutMs} ms`));
        }, timeoutMs);
        watchers.add(watcher);
      });
    },
    stop: async (graceMs = 5_000) => {
      const waitExit = (ms: number) =>
        new Promise<boolean>((resolve) => {
          if (exited !== undefined) return resolve(true);
          const timer = setTimeout(() => resolve(false), ms);
          exitWaiters.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });
      child.stdin.end();
      let killed = false;
      if (!(await waitExit(graceMs))) {
        killed = true;
        killPid(pid, 'SIGTERM');
        if (!(await waitExit(2_000))) {
          killPid(pid, 'SIGKILL');
          await waitExit(2_000);
        }
      }
      for (const resolve of pending.values()) resolve({ error: { code: -1, message: 'the app-server stopped' } });
      pending.clear();
      return { code: exited?.code ?? null, signal: exited?.signal ?? null, killed };
    },
  };
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
