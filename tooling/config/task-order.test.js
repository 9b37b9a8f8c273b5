import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The invariant CI broke on (two failures that a local run could not show): `npm test` passes whatever order turbo
// runs independent tasks in. Tests may load their own package by name (the client's cold-import probes do), so
// every package's tests must wait for its own build, not only for its dependencies' builds.
const root = fileURLToPath(new URL('../..', import.meta.url));

function testTasks() {
  const out = execFileSync('npx', ['turbo', 'run', 'test', '--dry=json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  return JSON.parse(out).tasks;
}

describe('the order of the test tasks', () => {
  it('runs every package build before that package’s own tests', () => {
    const tasks = testTasks();
    const builds = new Set(tasks.filter((task) => task.task === 'build' && task.command !== '<NONEXISTENT>').map((task) => task.package));
    const tests = tasks.filter((task) => task.task === 'test' && task.command !== '<NONEXISTENT>');
    expect(tests.length).toBeGreaterThan(5);
    const missing = tests
      .filter((task) => builds.has(task.package) && !task.dependencies.includes(`${task.package}#build`))
      .map((task) => task.taskId);
    expect(missing).toEqual([]);
  });
});
