// Sums the per-package vitest JSON reports (packages/*, tooling/* and, when it ran, release-rehearsal) into one line: `N passed, N failed`, with
// `, N skipped` when tests were skipped (each skipped suite is named above the line, with its reason). Above it, one
// line gives each package's test time, slowest first.
// A package whose report is missing counts as one failure, so a run that tested nothing is visible.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let skipped = 0;
const durations = [];
const skippedSuites = [];
const failures = [];
for (const packageDir of workspaceDirs()) {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const reportPath = join(packageDir, '.test-results', 'vitest.json');
  // The release rehearsal (`npm run test:release`, not part of `npm test`) counts when it ran.
  if (!manifest.scripts?.test && !existsSync(reportPath)) continue;
  if (!existsSync(reportPath)) {
    failures.push({ name: manifest.name, file: reportPath.replace(root, ''), title: '(no test report: the tests did not run)', message: '' });
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  skippedSuites.push(...listSkippedSuites(manifest.name, report));
  const seconds = reportSeconds(report);
  if (seconds !== undefined) durations.push({ name: manifest.name, seconds, tests: report.numTotalTests ?? 0 });
  failures.push(...listFailures(manifest.name, report));
}
// One per failed test, per test file that failed to load, and per package without a report.
const failed = failures.length;
for (const { name, suite, count } of skippedSuites) {
  console.log(`skipped in ${name}: ${suite} (${count} ${count === 1 ? 'test' : 'tests'})`);
}
// Each package's test time (from its run's start to its last file's end), slowest first: where a slow suite is.
if (durations.length > 0) {
  durations.sort((a, b) => b.seconds - a.seconds);
  console.log(`test time: ${durations.map(({ name, seconds, tests }) => `${name.replace('@codex-analytics/', '')} ${seconds.toFixed(1)} s (${tests})`).join(', ')}`);
}
// CI shows only the tail of its output: name each failure here, next to the totals, so a failed run says what failed.
for (const { name, file, title, message } of failures) {
  console.log(`failed in ${name}: ${file} > ${title}${message ? ` (${message})` : ''}`);
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;

/** Seconds from the run's start to the end of its last test file, or undefined when the report has no times. */
function reportSeconds(report) {
  const ends = (report.testResults ?? []).map((file) => file.endTime).filter((end) => typeof end === 'number');
  if (typeof report.startTime !== 'number' || ends.length === 0) return undefined;
  return Math.max(0, Math.max(...ends) - report.startTime) / 1000;
}

function workspaceDirs() {
  const groups = ['packages', 'tooling'].flatMap((group) => {
    const groupDir = join(root, group);
    return existsSync(groupDir) ? readdirSync(groupDir).map((dir) => join(groupDir, dir)) : [];
  });
  return [...groups, join(root, 'release-rehearsal')];
}

// Skipped tests grouped by their outermost suite (whose name carries the reason, e.g. a browser suite without Chromium).
function listSkippedSuites(name, report) {
  const counts = new Map();
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (!['skipped', 'pending', 'todo'].includes(test.status)) continue;
      const suite = test.ancestorTitles?.[0] ?? test.title;
      counts.set(suite, (counts.get(suite) ?? 0) + 1);
    }
  }
  return [...counts].map(([suite, count]) => ({ name, suite, count }));
}

// Each failed test, and each test file that failed to load (a syntax error, a throwing import: no failed test, but it
// fails), with the first line of its error, cut to 300 characters.
function listFailures(name, report) {
  const out = [];
  for (const file of report.testResults ?? []) {
    const relative = (file.name ?? '').replace(root, '');
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      out.push({ name, file: relative, title: test.fullName ?? test.title, message: firstLine(test.failureMessages?.[0]) });
    }
    if (file.status === 'failed' && failedTests.length === 0) {
      out.push({ name, file: relative, title: '(the file failed to run)', message: firstLine(file.message) });
    }
  }
  return out;
}

function firstLine(text) {
  if (typeof text !== 'string') return '';
  const line = text.split('\n').find((part) => part.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
