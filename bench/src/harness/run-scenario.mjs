// The runs of one scenario: every repetition for every client, as tasks for a pool (see run-stage.mjs). The client
// order rotates from one repetition to the next, which matters when runs go one at a time.

import { runOnce } from './run-once.mjs';

/**
 * @returns {Array<() => Promise<{ rep: number, client: string, metrics?: object, error?: string }>>}
 */
export function scenarioTasks(scenario, settings, { clients, reps, execArgvFor, onRun }) {
  const tasks = [];
  for (let rep = 0; rep < reps; rep += 1) {
    const order = clients.map((_, i) => clients[(i + rep) % clients.length]);
    for (const client of order) {
      tasks.push(async () => {
        const run = await runOnce(scenario, client, settings, { execArgv: execArgvFor(client, scenario, rep) });
        const record = { rep, ...run };
        onRun?.(scenario, record);
        return record;
      });
    }
  }
  return tasks;
}
