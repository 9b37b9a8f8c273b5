import { readFileSync } from 'node:fs';

/**
 * The client README's "Try it" program, as written there (the first `ts` block after `## Try it`), with the
 * collector's port put in place of the README's 8787 and nothing else changed.
 */
export function clientReadmeExample(readmePath, collectorPort) {
  const readme = readFileSync(readmePath, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Try it\n'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (readme.indexOf('\n## Try it\n') < 0 || match === null) throw new Error(`no "## Try it" example in ${readmePath}`);
  const program = match[1];
  if (!program.includes('127.0.0.1:8787')) throw new Error('the README example no longer points at 127.0.0.1:8787');
  return program.replaceAll('127.0.0.1:8787', `127.0.0.1:${collectorPort}`);
}
