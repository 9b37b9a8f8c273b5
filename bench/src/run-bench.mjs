// `npm run bench [-- --quick]`: every scenario, every client, each run in a fresh process against a fresh local
// sink; one table per scenario on stdout, then our client against the bar of issue 7. Progress goes to stderr.

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, USAGE } from './bench-options.mjs';
import { benchPlan } from './bench-plan.mjs';
import { CLIENT_LABELS, CLIENTS } from './clients/client-registry.mjs';
import { liveChildCount } from './harness/live-children.mjs';
import { runStage } from './harness/run-stage.mjs';
import { aggregateRuns } from './report/aggregate-runs.mjs';
import { barsTable, evaluateBars, evaluateGoals14, evaluateGoals22 } from './report/bars.mjs';
import { importFigures } from './scenarios/cold-import.mjs';
import { describeEnvironment, environmentLines, loadAverageText } from './report/environment.mjs';
import { scenarioTable } from './report/scenario-table.mjs';
import { SCENARIOS } from './scenarios/all-scenarios.mjs';

const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const log = (line) => process.stderr.write(`${line}\n`);

/** Our client is benchmarked only once its package is built and linked; the others always. */
async function availableClients(wanted) {
  const notes = [];
  const clients = [];
  for (const client of wanted) {
    if (!CLIENTS.includes(client)) throw new Error(`unknown client ${client}; expected one of ${CLIENTS.join(', ')}`);
    if (client === 'ours') {
      try {
        await import('@codex-analytics/client');
        await import('@codex-analytics/auth');
      } catch (error) {
        notes.push(`- ${CLIENT_LABELS.ours} left out: cannot import it (${error.code ?? error.message}); build and link it first.`);
        continue;
      }
    }
    clients.push(client);
  }
  return { clients: CLIENTS.filter((client) => clients.includes(client)), notes };
}

function profileArgs(options) {
  return (client, scenario, rep) =>
    options.profile && client === 'ours'
      ? ['--cpu-prof', `--cpu-prof-dir=${join(BENCH_DIR, 'profiles')}`, `--cpu-prof-name=ours-${scenario.name}-rep${rep + 1}.cpuprofile`]
      : [];
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const plan = benchPlan(options);
  const scenarios = options.scenarios === undefined ? SCENARIOS : SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.name));
  const { clients, notes } = await availableClients(options.clients ?? CLIENTS);
  const env = describeEnvironment();
  const mode = options.quick ? 'quick' : 'full';
  const started = Date.now();

  const out = [`## Bench run (${mode})`, '', environmentLines(env, mode), `- ${plan.reps} repetitions; clients: ${clients.join(', ')}`, ...notes, ''];
  console.log(out.join('\n'));

  const wanted = new Set(scenarios.map((scenario) => scenario.name));
  const byName = new Map(SCENARIOS.map((scenario) => [scenario.name, scenario]));
  const runsByScenario = new Map();
  for (const stage of plan.stages) {
    const stageScenarios = stage.scenarios.filter((name) => wanted.has(name)).map((name) => byName.get(name));
    if (stageScenarios.length === 0) continue;
    const names = stageScenarios.map((scenario) => scenario.name).join(' + ');
    const stageStarted = Date.now();
    const custom = stageScenarios.find((scenario) => scenario.runAll !== undefined);
    if (custom !== undefined) {
      log(`[${custom.name}] ${plan[custom.name].reps} repetitions…`);
      runsByScenario.set(custom.name, await custom.runAll(plan[custom.name], { log }));
      log(`[${custom.name}] ${((Date.now() - stageStarted) / 1000).toFixed(1)} s`);
      continue;
    }
    log(`[${names}] ${plan.reps} repetitions × ${clients.length} clients, ${stage.concurrency} at a time…`);
    const runs = await runStage(
      { scenarios: stageScenarios, settings: plan, concurrency: stage.concurrency },
      {
        clients,
        reps: plan.reps,
        execArgvFor: profileArgs(options),
        onRun: (scenario, run) =>
          log(`[${scenario.name}] rep ${run.rep + 1} ${run.client}: ${run.error === undefined ? 'ok' : `error: ${run.error}`}`),
      },
    );
    for (const [name, scenarioRuns] of runs) runsByScenario.set(name, scenarioRuns);
    log(`[${names}] ${((Date.now() - stageStarted) / 1000).toFixed(1)} s`);
  }

  const results = new Map();
  for (const scenario of scenarios) {
    const settings = plan[scenario.name];
    if (scenario.runAll !== undefined) {
      const custom = runsByScenario.get(scenario.name);
      if (custom === undefined) continue;
      results.set(scenario.name, { custom: true, runs: custom.runs, settings });
      console.log(custom.table);
      out.push(custom.table);
      continue;
    }
    const runs = runsByScenario.get(scenario.name) ?? [];
    const aggregate = aggregateRuns(scenario, runs, clients);
    results.set(scenario.name, { runs, aggregate, settings });
    const table = scenarioTable(scenario, settings, aggregate, clients, runs);
    console.log(table);
    out.push(table);
  }

  if (clients.includes('ours')) {
    const bars = `### Our client against the bar of issue 7\n\n${barsTable(evaluateBars(results))}\n`;
    console.log(bars);
    out.push(bars);
    const goals = `### Our client against the goals of issue 14\n\n${barsTable(evaluateGoals14(results, importFigures))}\n`;
    console.log(goals);
    out.push(goals);
    const goals22 = `### Our client against the goals of issue 22\n\n${barsTable(evaluateGoals22(results, importFigures))}\n`;
    console.log(goals22);
    out.push(goals22);
  }
  const footer = `Total ${((Date.now() - started) / 1000).toFixed(1)} s; load average at end ${loadAverageText()}; processes left running: ${liveChildCount()}.`;
  console.log(footer);
  out.push(footer, '');
  if (options.out !== undefined) writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), options.out), out.join('\n'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
