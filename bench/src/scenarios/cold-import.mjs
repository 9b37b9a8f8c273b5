// `import`: the cost of importing a package in a fresh process, ESM and CJS, against importing undici alone (which
// our client needs anyway) measured in the same repetition. Runs its own probes (no sink, no client process).

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatNumber } from '../report/scenario-table.mjs';
import { ratio, summarize } from '../report/stats.mjs';

const PROBES = {
  esm: fileURLToPath(new URL('../child/import-probe.mjs', import.meta.url)),
  cjs: fileURLToPath(new URL('../child/import-probe.cjs', import.meta.url)),
};
const BASELINE = 'undici';
const MB = 1024 * 1024;

/** What is imported, in table order; `ours` marks our packages (compared with the goals). */
export const IMPORT_TARGETS = [
  { name: 'undici' },
  { name: '@codex-analytics/client', ours: true },
  { name: '@codex-analytics/events', ours: true },
  { name: 'zod' },
  { name: '@segment/analytics-node' },
  { name: 'posthog-node' },
];

function probe(format, name) {
  return new Promise((resolve) => {
    execFile(process.execPath, [PROBES[format], name], { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 120_000 }, (error, stdout) => {
      if (error) resolve({ error: error.message.split('\n')[0] });
      else resolve(JSON.parse(stdout));
    });
  });
}

function cell(summary, digits, suffix = '') {
  if (summary === null) return '—';
  const median = `${formatNumber(summary.median, digits)}${suffix}`;
  return summary.n < 2 || summary.min === summary.max ? median : `${median} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

export const coldImportScenario = {
  name: 'import',
  title: (s) => `import — cold import in a fresh process, ESM and CJS (${s.reps} repetitions, interleaved)`,
  /** Runs every probe `reps` times, one process at a time, targets interleaved; returns the runs and the table. */
  async runAll(settings, { log }) {
    const runs = [];
    for (let rep = 0; rep < settings.reps; rep += 1) {
      const order = IMPORT_TARGETS.map((_, i) => IMPORT_TARGETS[(i + rep) % IMPORT_TARGETS.length]);
      for (const target of order) {
        for (const format of ['esm', 'cjs']) {
          const result = await probe(format, target.name);
          runs.push({ rep, format, name: target.name, ...result });
          if (result.error) log(`[import] ${format} ${target.name}: error: ${result.error}`);
        }
      }
    }
    return { runs, table: importTable(settings, runs) };
  },
};

/** Figures per target and format: median import ms and RSS added, their ratio to and distance from undici's. */
export function importFigures(runs) {
  const figures = [];
  for (const format of ['esm', 'cjs']) {
    const base = new Map(runs.filter((run) => run.format === format && run.name === BASELINE && !run.error).map((run) => [run.rep, run]));
    for (const target of IMPORT_TARGETS) {
      const own = runs.filter((run) => run.format === format && run.name === target.name && !run.error);
      const paired = own.filter((run) => base.has(run.rep));
      figures.push({
        format,
        name: target.name,
        ours: target.ours === true,
        errors: runs.filter((run) => run.format === format && run.name === target.name && run.error).map((run) => run.error),
        ms: summarize(own.map((run) => run.importMs)),
        msRatio: summarize(paired.map((run) => ratio(run.importMs, base.get(run.rep).importMs))),
        msOver: summarize(paired.map((run) => run.importMs - base.get(run.rep).importMs)),
        rssMB: summarize(own.map((run) => run.rssAddedBytes / MB)),
        rssOverMB: summarize(paired.map((run) => (run.rssAddedBytes - base.get(run.rep).rssAddedBytes) / MB)),
      });
    }
  }
  return figures;
}

function importTable(settings, runs) {
  const lines = [
    `### ${coldImportScenario.title(settings)}`,
    '',
    '| module | format | import ms | × undici | ms over undici | RSS added MB | MB over undici |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of importFigures(runs)) {
    const base = f.name === BASELINE;
    lines.push(
      `| ${f.name} | ${f.format} | ${cell(f.ms, 1)} | ${base ? '1' : cell(f.msRatio, 2, '×')} | ${base ? '0' : cell(f.msOver, 1)} | ${cell(f.rssMB, 1)} | ${base ? '0' : cell(f.rssOverMB, 1)} |`,
    );
  }
  lines.push(
    '',
    `- median (min–max) over ${settings.reps} repetitions; × undici and "over undici" against undici imported in the same format and repetition. Import ms = \`await import(name)\` (or \`require\`) in a fresh \`node\` process, timed inside it; RSS added = RSS after minus before.`,
    ...importFigures(runs).flatMap((f) => f.errors.map((error) => `- ${f.name} ${f.format}: ${error}`)),
    '',
  );
  return lines.join('\n');
}
