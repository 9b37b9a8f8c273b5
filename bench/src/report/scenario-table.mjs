// One markdown table per scenario: a row per client, `median (min–max)` per metric, and `× baseline` columns.

import { CLIENT_LABELS } from '../clients/client-registry.mjs';

export function formatNumber(value, digits) {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function cell(summary, digits, suffix = '') {
  if (summary === null) return '—';
  const median = `${formatNumber(summary.median, digits)}${suffix}`;
  if (summary.n < 2 || summary.min === summary.max) return median;
  return `${median} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

export function scenarioTable(scenario, settings, aggregate, clients, runs = []) {
  const header = ['client'];
  for (const column of scenario.columns) {
    header.push(column.label);
    if (column.ratio) header.push('× baseline');
  }
  const lines = [`### ${scenario.title(settings)}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const client of clients) {
    const entry = aggregate.get(client);
    const row = [CLIENT_LABELS[client]];
    for (const column of scenario.columns) {
      const metric = entry.metrics[column.key];
      row.push(`${cell(metric.value, column.digits)}${metric.flags}`);
      if (column.ratio) row.push(client === 'baseline' ? '1' : cell(metric.ratio, 2, '×'));
    }
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('');
  const errors = clients.flatMap((client) => aggregate.get(client).errors.map((error) => `- ${CLIENT_LABELS[client]}: ${error}`));
  const details = (scenario.details?.(runs) ?? []).map((line) => (line.startsWith('  ') ? line : `- ${line}`));
  const notes = [...(scenario.notes ?? []).map((note) => `- ${note}`), ...details, ...errors];
  const runsPerClient = Math.max(...clients.map((client) => aggregate.get(client).runs.length));
  notes.unshift(`- median (min–max) over ${runsPerClient} repetitions; × baseline = ratio to the baseline of the same repetition.`);
  lines.push(...notes, '');
  return lines.join('\n');
}
