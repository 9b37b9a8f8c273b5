// A stage: the runs of one or more scenarios in one pool. Speed scenarios are alone in their stage and run one
// process at a time; `--quick` puts fail500 and flaky in one stage, so their waits on backoffs overlap.

import { runPool } from './promise-pool.mjs';
import { scenarioTasks } from './run-scenario.mjs';

/**
 * @returns {Promise<Map<string, object[]>>} the runs of each scenario of the stage, by scenario name
 */
export async function runStage(stage, options) {
  const parts = stage.scenarios.map((scenario) => ({ scenario, tasks: scenarioTasks(scenario, stage.settings[scenario.name], options) }));
  const results = await runPool(
    parts.flatMap((part) => part.tasks),
    stage.concurrency,
  );
  const byScenario = new Map();
  let offset = 0;
  for (const part of parts) {
    byScenario.set(part.scenario.name, results.slice(offset, offset + part.tasks.length));
    offset += part.tasks.length;
  }
  return byScenario;
}
