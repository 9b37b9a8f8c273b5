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

export function barsTable(bars) {
  const lines = ['| bar | ours, measured | result |', '| --- | --- | --- |'];
  for (const bar of bars) lines.push(`| ${bar.bar} | ${bar.measured} | ${bar.pass === null ? 'not measured' : bar.pass ? 'met' : '**missed**'} |`);
  return lines.join('\n');
}
