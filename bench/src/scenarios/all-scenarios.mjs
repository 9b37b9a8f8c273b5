// The scenarios, in run order.

import { downScenario } from './down.mjs';
import { e2eScenario } from './e2e.mjs';
import { enqueueScenario } from './enqueue.mjs';
import { fail500Scenario } from './fail500.mjs';
import { flakyScenario } from './flaky.mjs';
import { flaky20Scenario } from './flaky20.mjs';
import { slowScenario } from './slow.mjs';

export const SCENARIOS = [enqueueScenario, e2eScenario, fail500Scenario, slowScenario, downScenario, flakyScenario, flaky20Scenario];
