// Where and with what a run happened: date, Node, machine, library versions.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

function versionOf(name) {
  for (let dir = BENCH_DIR; ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      if (dirname(dir) === dir) return 'not installed';
    }
  }
}

/** Which build of our client ran (it changes often while it is written): sha256 prefix and time of its dist. */
function clientBuild() {
  for (let dir = BENCH_DIR; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', '@codex-analytics', 'client', 'dist', 'index.js');
    try {
      const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
      return `dist/index.js sha256 ${hash}, built ${statSync(file).mtime.toISOString()}`;
    } catch {
      // not here; look further up
    }
  }
  return 'not built';
}

export function describeEnvironment() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadAverageText(),
    clientBuild: clientBuild(),
    versions: Object.fromEntries(
      ['@codex-analytics/client', '@codex-analytics/auth', '@segment/analytics-node', 'posthog-node', '@posthog/core', 'undici'].map((name) => [name, versionOf(name)]),
    ),
  };
}

/** The 1/5/15-minute load averages: other work on the machine skews every figure. */
export const loadAverageText = () => loadavg().map((load) => load.toFixed(2)).join(' / ');

export function environmentLines(env, mode) {
  return [
    `- date: ${env.date}; mode: ${mode}`,
    `- Node ${env.node} on ${env.platform}, ${env.cpu}, ${env.memoryGiB} GiB; load average at start ${env.loadAverage}`,
    `- ${Object.entries(env.versions).map(([name, version]) => `${name} ${version}`).join(', ')}`,
    `- our client's build: ${env.clientBuild}${process.env.BENCH_OURS_OPTIONS ? `; options over its defaults: ${process.env.BENCH_OURS_OPTIONS}` : '; on its defaults'}`,
  ].join('\n');
}
