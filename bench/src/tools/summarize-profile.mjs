// `node src/tools/summarize-profile.mjs FILE.cpuprofile [top]`: self time by function and by package, from a
// profile written by `--cpu-prof` (see `npm run bench -- --profile`).

import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node src/tools/summarize-profile.mjs FILE.cpuprofile [top]');
  process.exit(2);
}
const top = Number.parseInt(topArg ?? '25', 10);
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Self time per node: the sampling interval after each sample belongs to the node sampled.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const delta = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
}

function packageOf(url) {
  if (url === '') return '(native / V8)';
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace !== null) return `@codex-analytics/${workspace[1]}`;
  const modules = url.split('node_modules/');
  if (modules.length > 1) {
    const parts = modules[modules.length - 1].split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === '' ? '' : `${url.replace(/^.*\/(packages|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = packageOf(url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const rows = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);

console.log(`total sampled: ${(total / 1000).toFixed(1)} ms\n\nby package:`);
console.log(rows(byPackage, 15).join('\n'));
console.log(`\ntop ${top} functions by self time:`);
console.log(rows(byFunction, top).join('\n'));
