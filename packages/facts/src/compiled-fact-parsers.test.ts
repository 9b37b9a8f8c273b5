import { describe, expect, it } from 'vitest';
import { renderCompiledFactParsers } from './render-compiled-fact-parsers.js';

describe('compiled-fact-parsers.generated.ts', () => {
  it('is what the zod schemas render today (regenerate with `vitest run src/compiled-fact-parsers.test.ts -u`)', async () => {
    const { source } = renderCompiledFactParsers();
    await expect(source).toMatchFileSnapshot('./compiled-fact-parsers.generated.ts');
  });

  it('has a generated parser for every custom fact type; only the method-dispatched protocol facts use zod', () => {
    const { skipped } = renderCompiledFactParsers();
    expect(Object.keys(skipped).sort()).toEqual(['client_request', 'client_response', 'notification']);
  });
});
