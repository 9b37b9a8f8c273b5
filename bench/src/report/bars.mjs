// The bar of issue 7, checked against our client's figures. A bar is met, missed, or not measured.

import { formatNumber } from './scenario-table.mjs';

const MiB = 1024 * 1024;

function oursRuns(results, name) {
  const result = results.get(name);
  if (result === undefined) return { runs: undefined };
  return { runs: result.runs.filter((run) => run.client === 'ours'), aggregate: result.aggregate.get('ours'), settings: result.settings };
}

function notMeasured(bar, why) {
  return { bar, measured: why, pass: null };
}

function medianRatioBar(results, name, key, limit, bar, extra = () => ({ ok: true, note: '' })) {
  const { runs, aggregate } = oursRuns(results, name);
  if (runs === undefined) return notMeasured(bar, 'scenario not run');
  const value = aggregate?.metrics[key]?.ratio;
  if (!value) return notMeasured(bar, runs[0]?.error ?? 'no figures');
  const more = extra(runs);
  return {
    bar,
    measured: `${formatNumber(value.median, 2)}× (${formatNumber(value.min, 2)}–${formatNumber(value.max, 2)})${more.note}`,
    pass: value.median <= limit && more.ok,
  };
}

function everyRun(results, name, bar, check, describe) {
  const { runs, settings } = oursRuns(results, name);
  if (runs === undefined) return notMeasured(bar, 'scenario not run');
  const ok = runs.filter((run) => run.metrics !== undefined);
  if (ok.length === 0) return notMeasured(bar, runs[0]?.error ?? 'no figures');
  return { bar, measured: ok.map((run) => describe(run.metrics, settings)).join('; '), pass: ok.length === runs.length && ok.every((run) => check(run.metrics, settings)) };
}

const allDelivered = (m, s) => m.delivered === s.events && m.duplicates === 0;

/**
 * Heap stops growing once the limits are reached (growth over the last 40% of the production at most 2 MiB or
 * 15% of the whole growth, whichever is larger: readings after a full GC still move by about a MiB), and
 * everything the client kept was delivered.
 */
function slowOk(m, s) {
  const bounded = m.lateGrowthMB !== null && m.lateGrowthMB * MiB <= Math.max(2 * MiB, 0.15 * m.heapGrowthMB * MiB);
  const kept = s.events - (m.clientDropped ?? 0);
  return bounded && m.delivered >= kept && m.duplicates === 0;
}

export function evaluateBars(results) {
  return [
    medianRatioBar(results, 'e2e', 'cpuUsPerEvent', 1.5, 'e2e CPU per event ≤ 1.5× baseline'),
    medianRatioBar(results, 'e2e', 'peakRssMB', 1.3, 'e2e peak RSS ≤ 1.3× baseline'),
    medianRatioBar(results, 'e2e', 'wallMs', 1.5, 'e2e wall until all events arrive ≤ 1.5× baseline (and all arrive)', (runs) => {
      const incomplete = runs.filter((run) => run.metrics && !run.metrics.complete).length;
      return { ok: incomplete === 0, note: incomplete === 0 ? '' : `, ${incomplete} run(s) incomplete` };
    }),
    (() => {
      const bar = 'enqueue < 500 ns per track call';
      const { runs, aggregate } = oursRuns(results, 'enqueue');
      const value = aggregate?.metrics.nsPerCall?.value;
      if (!value) return notMeasured(bar, runs?.[0]?.error ?? 'scenario not run');
      return { bar, measured: `${formatNumber(value.median, 0)} ns (${formatNumber(value.min, 0)}–${formatNumber(value.max, 0)})`, pass: value.median < 500 };
    })(),
    medianRatioBar(results, 'enqueue', 'heapPerEventBytes', 1, 'enqueue heap per queued fact ≤ baseline per queued event'),
    everyRun(results, 'fail500', 'fail500: every event delivered, none twice', allDelivered, (m, s) => `${m.delivered}/${s.events}, dup ${m.duplicates}`),
    everyRun(results, 'flaky', 'flaky: every event delivered, none twice', allDelivered, (m, s) => `${m.delivered}/${s.events}, dup ${m.duplicates}`),
    everyRun(
      results,
      'flaky20',
      'flaky20: every event delivered by the 5 s deadline with 20% of requests answered 503',
      allDelivered,
      (m, s) => `${m.delivered}/${s.events}, dup ${m.duplicates}`,
    ),
    everyRun(
      results,
      'down',
      'down: shutdown within its deadline + 10%',
      (m, s) => m.shutdownMs <= s.shutdownTimeoutMs * 1.1,
      (m, s) => `${formatNumber(m.shutdownMs, 0)} ms of ${s.shutdownTimeoutMs}`,
    ),
    everyRun(
      results,
      'slow',
      'slow: heap bounded (no growth once limits reached), everything kept delivered',
      slowOk,
      (m, s) =>
        `growth ${formatNumber(m.heapGrowthMB, 1)} MB, last 40% ${formatNumber(m.lateGrowthMB, 1)} MB, delivered ${m.delivered} of ${s.events - (m.clientDropped ?? 0)} kept`,
    ),
  ];
}

/** The goals of issue 14, checked against our client's figures. */
export function evaluateGoals14(results, importFigures) {
  const goals = [];
  const imports = results.get('import');
  if (imports === undefined) {
    goals.push(notMeasured('cold import within 50 ms and 10 MB of undici; events alone under 30 ms', 'scenario not run'));
  } else {
    const figures = importFigures(imports.runs);
    for (const format of ['esm', 'cjs']) {
      const client = figures.find((f) => f.format === format && f.name === '@codex-analytics/client');
      const events = figures.find((f) => f.format === format && f.name === '@codex-analytics/events');
      goals.push(
        client?.msOver && client.rssOverMB
          ? {
              bar: `${format.toUpperCase()} cold import of the client within 50 ms and 10 MB of undici alone`,
              measured: `+${formatNumber(client.msOver.median, 1)} ms (${formatNumber(client.ms.median, 1)} vs ${formatNumber(client.ms.median - client.msOver.median, 1)}), +${formatNumber(client.rssOverMB.median, 1)} MB RSS`,
              pass: client.msOver.median <= 50 && client.rssOverMB.median <= 10,
            }
          : notMeasured(`${format.toUpperCase()} cold import of the client`, 'no figures'),
        events?.ms
          ? {
              bar: `${format.toUpperCase()} cold import of @codex-analytics/events under 30 ms`,
              measured: `${formatNumber(events.ms.median, 1)} ms (${formatNumber(events.ms.min, 1)}–${formatNumber(events.ms.max, 1)})`,
              pass: events.ms.median < 30,
            }
          : notMeasured(`${format.toUpperCase()} cold import of @codex-analytics/events`, 'no figures'),
      );
    }
  }
  const latency = (name) => {
    const m = oursRuns(results, name).aggregate?.metrics;
    return m?.latencyP50Ms?.value ? `; latency p50 ${formatNumber(m.latencyP50Ms.value.median, 1)} ms, p99 ${formatNumber(m.latencyP99Ms.value.median, 1)} ms; ${formatNumber(m.eventsPerRequest.value?.median, 1)} events/request` : '';
  };
  goals.push(
    medianRatioBar(results, 'steady', 'cpuMs', 1.3, 'steady 2,000/s: CPU ≤ 1.3× baseline', (runs) => ({ ok: true, note: latency('steady') })),
    medianRatioBar(results, 'steady-flaky', 'cpuMs', 1.3, 'flaky (10% 503) at 2,000/s: CPU ≤ 1.3× baseline', () => ({ ok: true, note: latency('steady-flaky') })),
    medianRatioBar(results, 'steady-slow', 'cpuMs', 1.2, 'slow (200 ms) at 4,000/s: CPU ≤ 1.2× baseline', () => ({ ok: true, note: latency('steady-slow') })),
    medianRatioBar(results, 'burst', 'nsPerCall', 1.1, '100,000-call burst: track* ≤ 1.1× the baseline’s per-call cost'),
    medianRatioBar(results, 'burst', 'heapPerCallBytes', 1, '100,000-call burst: heap per queued item ≤ 1× baseline'),
    everyRun(
      results,
      'burst',
      '100,000-call burst fits the default bounds (nothing dropped, all delivered)',
      (m, s) => (m.clientDropped ?? 0) === 0 && m.delivered === s.events,
      (m, s) => `${m.delivered}/${s.events} delivered, ${m.clientDropped ?? 0} dropped`,
    ),
    medianRatioBar(results, 'burst', 'peakRssMB', 1, '100,000-call burst: peak RSS ≤ baseline (its unbounded array)'),
    everyRun(
      results,
      'burst-bp',
      '100,000-call burst with backpressure: nothing dropped, all delivered',
      (m, s) => (m.clientDropped ?? 0) === 0 && m.delivered === s.events,
      (m, s) => `${m.delivered}/${s.events}, ${m.waits} waits`,
    ),
  );
  const blockScenarios = ['steady', 'steady-flaky', 'steady-slow', 'burst', 'burst-bp'];
  const blocks = blockScenarios.flatMap((name) => (oursRuns(results, name).runs ?? []).filter((run) => run.metrics).map((run) => ({ name, ms: run.metrics.longestBlockMs, gcMs: run.metrics.longestGcMs ?? null })));
  goals.push(
    blocks.length === 0
      ? notMeasured('no task of the client blocks the event loop > 10 ms', 'scenarios not run')
      : {
          bar: 'no task of the client blocks the event loop > 10 ms (steady, flaky, slow, burst, burst-bp)',
          measured: blockScenarios
            .map((name) => {
              const own = blocks.filter((b) => b.name === name);
              if (own.length === 0) return null;
              const gc = own.map((b) => b.gcMs).filter((ms) => typeof ms === 'number');
              const gcText = gc.length === 0 ? '' : ` (longest GC pause ${formatNumber(Math.max(...gc), 1)} ms)`;
              return `${name} ${formatNumber(Math.max(...own.map((b) => b.ms)), 1)} ms${gcText}`;
            })
            .filter(Boolean)
            .join(', '),
          pass: blocks.every((b) => b.ms <= 10),
        },
  );
  return goals;
}

function medianValueBar(results, name, key, limit, unit, bar) {
  const { runs, aggregate } = oursRuns(results, name);
  if (runs === undefined) return notMeasured(bar, 'scenario not run');
  const value = aggregate?.metrics[key]?.value;
  const ratio = aggregate?.metrics[key]?.ratio;
  if (!value) return notMeasured(bar, runs[0]?.error ?? 'no figures');
  const vsBaseline = ratio ? `; ${formatNumber(ratio.median, 2)}× baseline` : '';
  return {
    bar,
    measured: `${formatNumber(value.median, 1)} ${unit} (${formatNumber(value.min, 1)}–${formatNumber(value.max, 1)})${vsBaseline}`,
    pass: value.median <= limit,
  };
}

/** The goals of issue 22 (every CPU figure with the client's import inside the run, each in a fresh process). */
export function evaluateGoals22(results, importFigures) {
  const goals = [
    medianRatioBar(results, 'steady', 'cpuWithImportMs', 1.3, 'steady 2,000 facts/s: CPU (import included) ≤ 1.3× baseline'),
    medianRatioBar(results, 'steady-flaky', 'cpuWithImportMs', 1.3, 'flaky (10% 503): CPU (import included) ≤ 1.3× baseline'),
    medianRatioBar(results, 'steady-slow', 'cpuWithImportMs', 1.2, 'slow (200 ms answers): CPU (import included) ≤ 1.2× baseline'),
    medianRatioBar(results, 'down', 'cpuWithImportMs', 1.5, 'server down: CPU (import included) ≤ 1.5× baseline'),
    medianRatioBar(results, 'queued', 'processCpuMs', 1.5, '19,000 facts queued: CPU of the whole process ≤ 1.5× baseline'),
  ];
  const imports = results.get('import');
  const client = imports === undefined ? undefined : importFigures(imports.runs).find((f) => f.format === 'esm' && f.name === '@codex-analytics/client');
  goals.push(
    client?.msOver && client.rssOverMB
      ? {
          bar: 'cold import over undici alone ≤ +50 ms, +10 MB (ESM)',
          measured: `+${formatNumber(client.msOver.median, 1)} ms, +${formatNumber(client.rssOverMB.median, 1)} MB RSS`,
          pass: client.msOver.median <= 50 && client.rssOverMB.median <= 10,
        }
      : notMeasured('cold import over undici alone ≤ +50 ms, +10 MB (ESM)', imports === undefined ? 'scenario not run' : 'no figures'),
    medianValueBar(results, 'first-400', 'blockFromConstructionMs', 15, 'ms', 'longest event-loop block from construction through the first 400 facts, flush and shutdown ≤ 15 ms'),
  );
  return goals;
}

export function barsTable(bars) {
  const lines = ['| bar | ours, measured | result |', '| --- | --- | --- |'];
  for (const bar of bars) lines.push(`| ${bar.bar} | ${bar.measured} | ${bar.pass === null ? 'not measured' : bar.pass ? 'met' : '**missed**'} |`);
  return lines.join('\n');
}
