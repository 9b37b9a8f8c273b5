// The scenarios, in run order.

import { burstBackpressureScenario, burstScenario100k } from './burst.mjs';
import { coldImportScenario } from './cold-import.mjs';
import { collectorBodiesScenario } from './collector-bodies.mjs';
import { collectorIngestScenario } from './collector-ingest.mjs';
import { downScenario } from './down.mjs';
import { e2eScenario } from './e2e.mjs';
import { enqueueScenario } from './enqueue.mjs';
import { fail500Scenario } from './fail500.mjs';
import { firstFactsScenario } from './first-facts.mjs';
import { flakyScenario } from './flaky.mjs';
import { flaky20Scenario } from './flaky20.mjs';
import { queuedScenario } from './queued.mjs';
import { shortLivedScenario } from './short-lived.mjs';
import { slowScenario } from './slow.mjs';
import { steadyFlakyScenario, steadyScenario, steadySlowScenario } from './steady.mjs';
import { tapMessagesScenario } from './tap-messages.mjs';

export const SCENARIOS = [
  coldImportScenario,
  shortLivedScenario,
  enqueueScenario,
  e2eScenario,
  burstScenario100k,
  burstBackpressureScenario,
  steadyScenario,
  steadyFlakyScenario,
  steadySlowScenario,
  firstFactsScenario,
  queuedScenario,
  fail500Scenario,
  slowScenario,
  downScenario,
  flakyScenario,
  flaky20Scenario,
  tapMessagesScenario,
  collectorBodiesScenario,
  collectorIngestScenario,
];
