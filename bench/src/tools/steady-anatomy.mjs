// `node src/tools/steady-anatomy.mjs [--clients baseline,ours] [--reps 3] [--seconds 10] [--rate 2000] [--warm N]
// [--allocations]`: where a steady run's CPU goes, for the gaps `npm run bench` reports in `steady`. Each client runs
// in a fresh process (the bench's own adapters and events) against a counting sink on 127.0.0.1, interleaved by
// repetition, and reports its CPU split between the main thread (JavaScript, GC's main-thread part, I/O) and
// V8's other threads (optimizing compiler, concurrent GC), read from /proc (Linux), and the CPU of the first and
// the second half of the production. `--warm N` first sends N events through a client that is then shut down, so
// the measured client runs on warm code. `--allocations` samples every allocation (objects collected since
// included) and prints the bytes allocated per event by function; it slows the run, so its CPU is not comparable.
// Not part of `npm run bench`: a tool to explain a figure, whose own figures are noisy on a shared machine.

import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const TICK_MS = 5;
const self = new URL(import.meta.url).pathname;

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: 'baseline,ours' },
      reps: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '2000' },
      warm: { type: 'string', default: '0' },
      allocations: { type: 'boolean', default: false },
    },
  });
  const sink = fork(self, ['--sink'], { stdio: 'inherit' });
  const port = await new Promise((resolve) => sink.once('message', resolve));
  const job = {
    sinkUrl: `http://127.0.0.1:${port}`,
    rate: Number(values.rate),
    durationMs: Number(values.seconds) * 1000,
    warm: Number(values.warm),
    allocations: values.allocations,
  };
  try {
    for (let rep = 1; rep <= Number(values.reps); rep += 1) {
      for (const client of values.clients.split(',')) {
        const child = fork(self, ['--client', JSON.stringify({ ...job, client })], { execArgv: ['--expose-gc'] });
        const result = await new Promise((resolve, reject) => {
          child.once('message', resolve);
          child.once('exit', (code) => reject(new Error(`${client} exited with ${code}`)));
        });
        printResult(rep, result);
        await sleep(200);
      }
    }
  } finally {
    sink.kill();
  }
}

function printResult(rep, r) {
  const threads = r.mainMs === undefined ? 'threads: no /proc' : `main thread ${r.mainMs} ms, other threads ${r.otherMs} ms`;
  console.log(
    `rep ${rep} ${r.client.padEnd(8)} CPU ${r.cpuMs} ms (first half ${r.firstHalfMs}, second half ${r.secondHalfMs}); ${threads}`,
  );
  if (r.allocations === undefined) return;
  console.log(`  allocated ${r.allocations.perEvent} B per event (sampled); by function:`);
  for (const { where, perEvent } of r.allocations.top) console.log(`  ${String(perEvent).padStart(7)} B  ${where}`);
}

function runSink() {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('disconnect', () => process.exit(0));
}

/** CPU ms per thread of this process (Linux), or undefined elsewhere. */
function threadCpuMs() {
  if (!existsSync('/proc/self/task')) return undefined;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs);
  }
  return out;
}

const cpuMs = (usage) => Math.round((usage.user + usage.system) / 1000);

async function runClient({ client, sinkUrl, rate, durationMs, warm, allocations }) {
  const { createAdapter } = await import(`../clients/${client}-adapter.mjs`);
  if (warm > 0) {
    const warmAdapter = await createAdapter({ sinkUrl });
    for (let index = 0; index < warm; index += 1) {
      warmAdapter.call(warmAdapter.makeCall(1_000_000 + index));
      if (index % 100 === 99) await sleep(1);
    }
    await warmAdapter.shutdown(15_000);
    globalThis.gc();
  }
  const adapter = await createAdapter({ sinkUrl });
  const session = allocations ? await startAllocationSampling() : undefined;
  const events = Math.round((rate * durationMs) / 1000);
  const threadsBefore = threadCpuMs();
  const start = process.cpuUsage();
  const startedAt = performance.now();
  let half;
  for (let seq = 0; seq < events; ) {
    const due = Math.min(events, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
    for (; seq < due; seq += 1) {
      if (seq === Math.floor(events / 2)) half = process.cpuUsage(start);
      adapter.call(adapter.makeCall(seq));
    }
    if (seq < events) await sleep(TICK_MS);
  }
  await adapter.shutdown(15_000);
  const total = process.cpuUsage(start);
  const threadsAfter = threadCpuMs();
  const result = { client, cpuMs: cpuMs(total), firstHalfMs: cpuMs(half), secondHalfMs: cpuMs(total) - cpuMs(half) };
  if (threadsBefore !== undefined && threadsAfter !== undefined) {
    let mainMs = 0;
    let otherMs = 0;
    for (const [tid, ms] of threadsAfter) {
      const spent = ms - (threadsBefore.get(tid) ?? 0);
      if (tid === String(process.pid)) mainMs += spent;
      else otherMs += spent;
    }
    Object.assign(result, { mainMs: Math.round(mainMs), otherMs: Math.round(otherMs) });
  }
  if (session !== undefined) result.allocations = await stopAllocationSampling(session, events);
  process.send(result, () => process.exit(0));
}

async function startAllocationSampling() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return session;
}

async function stopAllocationSampling(session, events) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const bytesBy = new Map();
  let total = 0;
  const visit = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/packages\//, '')}:${lineNumber + 1}`;
    total += node.selfSize;
    if (node.selfSize > 0) bytesBy.set(where, (bytesBy.get(where) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const top = [...bytesBy]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([where, bytes]) => ({ where, perEvent: Math.round(bytes / events) }));
  return { perEvent: Math.round(total / events), top };
}

// Dispatch last, so that every declaration above is initialized.
if (process.argv[2] === '--sink') runSink();
else if (process.argv[2] === '--client') await runClient(JSON.parse(process.argv[3]));
else await main();
