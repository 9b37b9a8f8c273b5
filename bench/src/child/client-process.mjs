// A client process: one client, one scenario, one run. Forked by the harness with --expose-gc; argv[2] is the job
// as JSON `{ client, kind, sinkUrl, params }`. Reports `{ result }` or `{ error }` over IPC, then exits.

import { loadAdapter } from '../clients/client-registry.mjs';
import { measureEnqueue } from './measure-enqueue.mjs';
import { produceAndShutdown } from './produce-and-shutdown.mjs';
import { produceAtRate } from './produce-at-rate.mjs';
import { produceBurst } from './produce-burst.mjs';

const job = JSON.parse(process.argv[2]);

async function run() {
  const createAdapter = () => loadAdapter(job.client, job.sinkUrl);
  if (job.kind === 'enqueue') return measureEnqueue(createAdapter, job.params);
  if (job.kind === 'rate') return produceAtRate(await createAdapter(), job.params);
  if (job.kind === 'burst') return produceBurst(await createAdapter(), job.params);
  return produceAndShutdown(await createAdapter(), job.params);
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
