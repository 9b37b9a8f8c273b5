import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The packages under the client declare their schemas with `lazySchema`: importing them must not load zod nor
// build a schema (zod marks its load with `globalThis.__zod_globalConfig`), and the first use must still work.
// Each check runs in a fresh Node process against the built packages, as a caller gets them (ESM and CJS).

const PROBE_FACT = { type: 'hook_run', tracking: { modelSlug: 'm', threadId: 't', turnId: 'u' }, hook: { eventName: 'Stop', hookSource: 'user', status: 'completed' } };

function probe(kind: 'esm' | 'cjs', body: string): unknown {
  const script =
    kind === 'esm'
      ? `const load = (name) => import(name);\n(async () => {\n${body}\n})();`
      : `const load = async (name) => require(name);\n(async () => {\n${body}\n})();`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  const out = execFileSync(process.execPath, args, { cwd: import.meta.dirname, encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}

const zodLoaded = 'globalThis.__zod_globalConfig !== undefined';

describe('cold import of the packages under the client', () => {
  for (const kind of ['esm', 'cjs'] as const) {
    it(`${kind}: events, facts, reducer, transport and auth load no zod until a schema is used`, () => {
      const result = probe(
        kind,
        `const events = await load('@codex-analytics/events');
        const facts = await load('@codex-analytics/facts');
        await load('@codex-analytics/reducer');
        await load('@codex-analytics/transport');
        const auth = await load('@codex-analytics/auth');
        auth.createStaticAuthManager({ accessToken: 't', accountId: 'a' });
        const atImport = ${zodLoaded};
        const parsed = facts.safeParseFact(${JSON.stringify(PROBE_FACT)});
        const rejected = facts.safeParseFact({ type: 'hook_run' });
        const envelope = events.trackEventsRequestSchema.safeParse({ events: [] }).success;
        console.log(JSON.stringify({ atImport, afterUse: ${zodLoaded}, parsed: parsed.success, rejected: rejected.success, envelope }));`,
      );
      expect(result).toEqual({ atImport: false, afterUse: true, parsed: true, rejected: false, envelope: true });
    });
  }
});
