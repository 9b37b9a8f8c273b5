// A client process: one client, one scenario, one run. Forked by the harness with --expose-gc; argv[2] is the job
// as JSON `{ client, kind, sinkUrl, params }`. Reports `{ result }` or `{ error }` over IPC, then exits.

import { setTimeout as sleep } from 'node:timers/promises';
import { importAdapter } from '../clients/client-registry.mjs';
import { startBlockMonitor } from './event-loop-blocks.mjs';
import { measureEnqueue } from './measure-enqueue.mjs';
import { produceAndShutdown } from './produce-and-shutdown.mjs';
import { produceAtRate } from './produce-at-rate.mjs';
import { produceBurst } from './produce-burst.mjs';
import { cpuMicros } from './process-figures.mjs';

const job = JSON.parse(process.argv[2]);

// Issue 22: every figure can include the client's import. The CPU from just before the client's modules are
// imported (`cpuWithImportUs`, to the end of shutdown) and the longest block from just before the client is
// constructed (`longestBlockFromConstructionMs`, 1 ms resolution, to the end of shutdown) are added to every result.
async function run() {
  const cpuAtStart = cpuMicros();
  const module = await importAdapter(job.client);
  const createAdapter = () => module.createAdapter({ sinkUrl: job.sinkUrl });
  if (job.kind === 'enqueue') return measureEnqueue(createAdapter, job.params);
  const fromConstruction = startBlockMonitor({ resolution: 1 });
  // The monitor measures from its timer's first tick on: a block before that would go unseen.
  await sleep(5);
  const adapter = await createAdapter();
  let result;
  if (job.kind === 'rate') result = await produceAtRate(adapter, job.params);
  else if (job.kind === 'burst') result = await produceBurst(adapter, job.params);
  else result = await produceAndShutdown(adapter, job.params);
  result.cpuWithImportUs = cpuMicros() - cpuAtStart;
  result.longestBlockFromConstructionMs = fromConstruction.stop();
  return result;
}

function report(message) {
  process.send(message, () => process.exit(0));
}

// The harness is gone: never outlive it.
process.on('disconnect', () => process.exit(1));

run().then(
  (result) => report({ result }),
  (error) => report({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
);
