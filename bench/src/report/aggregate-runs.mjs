// Per client: each metric's median and range over the repetitions, and its ratio to the baseline of the same
// repetition (median and range of those ratios).

import { ratio, summarize } from './stats.mjs';

/**
 * @param {Array<{ rep: number, client: string, metrics?: object, error?: string }>} runs
 * @returns {Map<string, { runs: object[], errors: string[], metrics: Record<string, { value, ratio }> }>}
 */
export function aggregateRuns(scenario, runs, clients) {
  const baselineByRep = new Map(runs.filter((run) => run.client === 'baseline' && run.metrics).map((run) => [run.rep, run.metrics]));
  const byClient = new Map();
  for (const client of clients) {
    const own = runs.filter((run) => run.client === client);
    const ok = own.filter((run) => run.metrics !== undefined);
    const metrics = {};
    for (const column of scenario.columns) {
      metrics[column.key] = {
        value: summarize(ok.map((run) => run.metrics[column.key])),
        ratio: summarize(ok.map((run) => ratio(run.metrics[column.key], baselineByRep.get(run.rep)?.[column.key]))),
        flags: [...new Set(ok.map((run) => column.flag?.(run.metrics) ?? ''))].join(''),
      };
    }
    byClient.set(client, { runs: own, errors: own.filter((run) => run.error !== undefined).map((run) => run.error), metrics });
  }
  return byClient;
}
