// `tap-messages`: the app-server tap given large messages as text, in a fresh process per repetition
// (`src/child/tap-blocks.mjs`). For each message: the tap's synchronous call, the longest event-loop block from just
// before the call through the worker's handling of its facts, and a plain `JSON.parse` of the same text in the same
// process (what reading the message whole costs: the tap's cost for every message before it peeked at long texts).

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatNumber } from '../report/scenario-table.mjs';
import { summarize } from '../report/stats.mjs';

const PROBE = fileURLToPath(new URL('../child/tap-blocks.mjs', import.meta.url));

function probe() {
  return new Promise((resolve) => {
    execFile(process.execPath, [PROBE], { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 120_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error) resolve({ error: error.message.split('\n')[0] });
      else resolve(JSON.parse(stdout));
    });
  });
}

function cell(summary, digits) {
  if (summary === null) return '—';
  const median = formatNumber(summary.median, digits);
  return summary.n < 2 ? median : `${median} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

export const tapMessagesScenario = {
  name: 'tap-messages',
  title: (s) => `tap-messages — the app-server tap given large messages as text (${s.reps} repetitions, a fresh process each)`,
  async runAll(settings, { log }) {
    const runs = [];
    for (let rep = 0; rep < settings.reps; rep += 1) {
      const result = await probe();
      if (result.error) log(`[tap-messages] rep ${rep + 1}: error: ${result.error}`);
      runs.push({ rep, ...result });
    }
    return { runs, table: tapTable(settings, runs) };
  },
};

function tapTable(settings, runs) {
  const ok = runs.filter((run) => run.error === undefined);
  const names = ok[0]?.results.map((result) => result.name) ?? [];
  const lines = [
    `### ${tapMessagesScenario.title(settings)}`,
    '',
    '| message | MB | tap call ms | longest block ms | JSON.parse ms (reading it whole) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const name of names) {
    const of = ok.map((run) => run.results.find((result) => result.name === name)).filter((result) => result !== undefined);
    lines.push(
      `| ${name} | ${formatNumber(of[0].bytes / (1024 * 1024), 1)} | ${cell(summarize(of.map((r) => r.callMs)), 2)} | ${cell(summarize(of.map((r) => r.blockMs)), 1)} | ${cell(summarize(of.map((r) => r.parseMs)), 1)} |`,
    );
  }
  lines.push(
    '',
    `- median (min–max) over ${ok.length} repetitions. Longest block: \`monitorEventLoopDelay\` (1 ms resolution) from just before the call until 400 ms after it, so the client's worker handling the message's facts counts too. A message the tap reads must be parsed whole in the call (the tap's API is synchronous); a message it skips is recognised from its envelope.`,
    ...runs.filter((run) => run.error !== undefined).map((run) => `- rep ${run.rep + 1}: ${run.error}`),
    '',
  );
  return lines.join('\n');
}
