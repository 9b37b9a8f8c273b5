import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FOLDER, renderCompiledFactParsers } from './render-compiled-fact-parsers.js';

describe('the generated fact parsers (compiled-fact-parsers.generated.ts and generated-parsers/)', () => {
  it('are what the zod schemas render today (regenerate with `vitest run src/compiled-fact-parsers.test.ts -u`)', async () => {
    const { files } = renderCompiledFactParsers();
    for (const [path, source] of Object.entries(files)) await expect(source).toMatchFileSnapshot(`./${path}`);
  });

  it('leave no file of a fact type that is not generated any more', () => {
    const { files } = renderCompiledFactParsers();
    const written = readdirSync(new URL(`./${GENERATED_FOLDER}/`, import.meta.url)).map((name) => `${GENERATED_FOLDER}/${name}`);
    expect(written.sort()).toEqual(Object.keys(files).filter((path) => path.startsWith(`${GENERATED_FOLDER}/`)).sort());
  });

  it('has a generated parser for every custom fact type; only the method-dispatched protocol facts use zod', () => {
    const { skipped } = renderCompiledFactParsers();
    expect(Object.keys(skipped).sort()).toEqual(['client_request', 'client_response', 'notification']);
  });
});
