// `collector-bodies`: the collector (@codex-analytics/collector, in a process of its own, with an --out file) under
// large request bodies: 8 bodies of about 9 MiB sent together (valid ones, ones whose events fail the schema, and
// ones that are not JSON at their very end), each retried after its Retry-After while the collector answers 503 (its
// budget of body bytes in flight), while a small request (GET /api/stats) goes out again and again. Figures: the
// collector's longest event-loop block (`monitorEventLoopDelay` in its process), how long the small requests took,
// the large bodies' wall time and answers, and the collector's peak RSS. Runs its own processes (no sink, no client).

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { eventFor } from '../bench-events.mjs';
import { formatNumber } from '../report/scenario-table.mjs';
import { summarize } from '../report/stats.mjs';

const CHILD = fileURLToPath(new URL('../child/collector-process.mjs', import.meta.url));
const HEADERS = { authorization: 'Bearer bench-token', 'chatgpt-account-id': 'bench-account', 'content-type': 'application/json' };
const MIB = 1024 * 1024;
const KINDS = ['valid', 'invalid-events', 'valid', 'invalid-json'];

/** A body of about `bytes` bytes: valid events; events whose thread_id is a number; or valid JSON cut at its end. */
function body(kind, bytes, offset) {
  const events = [];
  let size = 12;
  for (let seq = offset; size < bytes; seq += 1) {
    const event = eventFor(seq);
    if (kind === 'invalid-events') event.event_params.thread_id = seq;
    events.push(event);
    size += JSON.stringify(event).length + 1;
  }
  const text = JSON.stringify({ events });
  return kind === 'invalid-json' ? `${text.slice(0, -2)} x]}` : text;
}

function startCollectorProcess() {
  const child = fork(CHILD, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the collector did not start within 30 s')), 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => reject(new Error(`the collector exited (${code}) before it was ready`)));
  });
  const report = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the collector did not report within 30 s'));
      }, 30_000);
      child.on('message', (message) => {
        if (message.type !== 'report') return;
        clearTimeout(timer);
        resolve(message);
      });
      child.send({ type: 'stop' });
    });
  return { child, ready, report };
}

/** POSTs one large body until it is answered with something other than 503 (waiting its Retry-After between). */
async function postUntilAnswered(url, text, dispatcher) {
  let busy = 0;
  for (;;) {
    const response = await request(`${url}/codex/analytics-events/events`, { method: 'POST', headers: HEADERS, body: text, dispatcher });
    await response.body.dump();
    if (response.statusCode !== 503 || busy >= 50) return { status: response.statusCode, busy };
    busy += 1;
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers['retry-after'] ?? 1) * 1000));
  }
}

async function runOnce(settings, rep) {
  const bodies = Array.from({ length: settings.bodies }, (_, index) => {
    const kind = KINDS[index % KINDS.length];
    return { kind, text: body(kind, settings.bodyMiB * MIB, (rep * settings.bodies + index) * 100_000) };
  });
  const collector = startCollectorProcess();
  const dispatcher = new Agent({ connections: settings.bodies + 1 });
  try {
    const url = await collector.ready;
    let sending = true;
    const small = [];
    const prober = (async () => {
      while (sending) {
        const started = performance.now();
        const response = await request(`${url}/api/stats`, { dispatcher });
        await response.body.dump();
        small.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const started = performance.now();
    const answers = await Promise.all(bodies.map((item) => postUntilAnswered(url, item.text, dispatcher)));
    const largeWallMs = performance.now() - started;
    sending = false;
    await prober;
    const report = await collector.report();
    return {
      rep,
      maxBlockMs: report.maxBlockMs,
      p99BlockMs: report.p99BlockMs,
      longestGcMs: report.longestGcMs,
      peakRssMB: report.peakRssMB,
      smallMaxMs: Math.max(...small),
      smallP99Ms: percentile(small, 99),
      smallRequests: small.length,
      largeWallMs,
      busyAnswers: answers.reduce((sum, answer) => sum + answer.busy, 0),
      statuses: bodies.map((item, index) => `${item.kind} ${answers[index].status}`),
      storedEvents: report.storedEvents,
    };
  } catch (error) {
    collector.child.kill('SIGKILL');
    return { rep, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await dispatcher.destroy();
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function cell(summary, digits) {
  if (summary === null) return '—';
  const median = formatNumber(summary.median, digits);
  return summary.n < 2 || summary.min === summary.max ? median : `${median} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

const COLUMNS = [
  ['maxBlockMs', 'collector longest block ms', 1],
  ['p99BlockMs', 'block p99 ms', 1],
  ['longestGcMs', 'longest GC ms', 1],
  ['smallMaxMs', 'small request max ms', 1],
  ['smallP99Ms', 'small request p99 ms', 1],
  ['smallRequests', 'small requests', 0],
  ['largeWallMs', 'large bodies wall ms', 0],
  ['busyAnswers', '503 busy answers', 0],
  ['peakRssMB', 'collector peak RSS MB', 0],
];

export const collectorBodiesScenario = {
  name: 'collector-bodies',
  title: (s) => `collector-bodies — ${s.bodies} bodies of ${s.bodyMiB} MiB sent together to the collector (with --out), small requests meanwhile (${s.reps} repetitions)`,
  async runAll(settings, { log }) {
    let available = true;
    try {
      await import('@codex-analytics/collector');
    } catch (error) {
      available = false;
      log(`[collector-bodies] left out: cannot import @codex-analytics/collector (${error.code ?? error.message}); build it first.`);
    }
    const runs = [];
    for (let rep = 0; available && rep < settings.reps; rep += 1) {
      const run = await runOnce(settings, rep);
      log(`[collector-bodies] rep ${rep + 1}: ${run.error === undefined ? 'ok' : `error: ${run.error}`}`);
      runs.push(run);
    }
    return { runs, table: table(settings, runs, available) };
  },
};

function table(settings, runs, available) {
  const lines = [`### ${collectorBodiesScenario.title(settings)}`, ''];
  if (!available) return [...lines, '- left out: @codex-analytics/collector cannot be imported (build it first).', ''].join('\n');
  const ok = runs.filter((run) => run.error === undefined);
  lines.push(`| ${COLUMNS.map(([, label]) => label).join(' | ')} |`, `|${COLUMNS.map(() => ' --- ').join('|')}|`);
  lines.push(`| ${COLUMNS.map(([key, , digits]) => cell(summarize(ok.map((run) => run[key])), digits)).join(' | ')} |`, '');
  lines.push(
    `- median (min–max) over ${ok.length} repetitions. Bodies: ${KINDS.join(', ')} (repeated); each retried after its Retry-After while answered 503 (the collector's budget of body bytes in flight, 32 MiB by default). The small request is GET /api/stats, sent again 2 ms after each answer while the large bodies are in flight.`,
    ...ok.slice(0, 1).map((run) => `- answers (first repetition): ${run.statuses.join(', ')}; events stored: ${run.storedEvents.toLocaleString('en-US')}`),
    ...runs.filter((run) => run.error !== undefined).map((run) => `- rep ${run.rep + 1}: ${run.error}`),
    '',
  );
  return lines.join('\n');
}
