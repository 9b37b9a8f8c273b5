// Issue 22's decision, measured: what validating facts costs a fresh process, from importing the package on, with
// each way of validating them. One mode per fresh process (this file forks itself), the modes interleaved:
//
//   runtime    zod's runtime parser (the per-type schema's `safeParse`; what `safeParseFact` did before issue 22)
//   first-use  zod loaded, the per-type schema built and `z.compile`d on its first fact (compiled parser after it)
//   generated  `safeParseFact` as shipped: parsers generated at build time from the zod schemas, zod not loaded
//
// Figures per mode: CPU ms and wall ms from before the import to the first fact validated, CPU ms for facts 2–400
// and for the whole 19,000, and ns per fact once warm (facts 19,001–119,000). The bench's app-used and hook-run
// facts, alternating. Usage: node src/tools/validation-modes.mjs [--reps 5]

import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { factFor } from '../bench-events.mjs';

const MODES = ['runtime', 'first-use', 'generated'];

function toFact(seq) {
  const call = factFor(seq);
  return call.kind === 'app' ? { type: 'app_used', tracking: call.tracking, app: call.app } : { type: 'hook_run', tracking: call.tracking, hook: call.hook };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function child(mode) {
  const facts = Array.from({ length: 119_000 }, (_, seq) => toFact(seq));
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  let validate;
  if (mode === 'generated') {
    const { safeParseFact } = await import('@codex-analytics/facts');
    validate = (fact) => safeParseFact(fact).success;
  } else {
    const { appUsedFactSchema, hookRunAnalyticsFactSchema } = await import('@codex-analytics/facts');
    const { resolveSchema, loadZod } = await import('@codex-analytics/events');
    const bySchema = { app_used: appUsedFactSchema, hook_run: hookRunAnalyticsFactSchema };
    const built = {};
    const schemaFor = (type) => {
      if (built[type] === undefined) {
        const schema = resolveSchema(bySchema[type]);
        built[type] = mode === 'first-use' ? loadZod().compile(schema) : schema;
      }
      return built[type];
    };
    validate = (fact) => schemaFor(fact.type).safeParse(fact).success;
  }
  let ok = validate(facts[0]);
  const firstCpu = cpuMs() - cpu0;
  const firstWall = performance.now() - wall0;
  const cpu1 = cpuMs();
  for (let i = 1; i < 400; i += 1) ok &&= validate(facts[i]);
  const to400 = cpuMs() - cpu1;
  for (let i = 400; i < 19_000; i += 1) ok &&= validate(facts[i]);
  const to19k = cpuMs() - cpu0;
  const warm0 = performance.now();
  for (let i = 19_000; i < 119_000; i += 1) ok &&= validate(facts[i]);
  const warmNs = ((performance.now() - warm0) * 1e6) / 100_000;
  if (!ok) throw new Error(`${mode}: a valid fact was rejected`);
  return { firstCpu, firstWall, to400, to19k, warmNs, zodLoaded: globalThis.__zod_globalConfig !== undefined };
}

function runChild(mode) {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child', mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.once('message', resolve);
    proc.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${mode} exited ${code}`))));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values, digits = 1) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

if (process.argv[2] === '--child') {
  const result = await child(process.argv[3]);
  process.send(result, () => process.exit(0));
} else {
  const repsIndex = process.argv.indexOf('--reps');
  const reps = repsIndex > 0 ? Number(process.argv[repsIndex + 1]) : 5;
  const results = Object.fromEntries(MODES.map((mode) => [mode, []]));
  for (let rep = 0; rep < reps; rep += 1) for (const mode of MODES) results[mode].push(await runChild(mode));
  console.log(`| mode | first fact: CPU ms (import included) | first fact: wall ms | facts 2–400: CPU ms | 19,000 facts: CPU ms (import included) | warm ns/fact | zod loaded |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const mode of MODES) {
    const rows = results[mode];
    const col = (key, digits) => fmt(rows.map((row) => row[key]), digits);
    console.log(`| ${mode} | ${col('firstCpu')} | ${col('firstWall')} | ${col('to400')} | ${col('to19k')} | ${col('warmNs', 0)} | ${rows[0].zodLoaded ? 'yes' : 'no'} |`);
  }
  console.log(`\nmedian (min–max) of ${reps} fresh processes per mode, interleaved; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
}
