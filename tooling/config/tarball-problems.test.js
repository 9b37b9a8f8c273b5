import { describe, expect, it } from 'vitest';
import { tarballProblems } from './tarball-problems.js';

const goodFiles = [
  { path: 'LICENSE', size: 11358 },
  { path: 'README.md', size: 2400 },
  { path: 'dist/index.js', size: 18000 },
  { path: 'dist/index.d.ts', size: 9000 },
  { path: 'package.json', size: 1500 },
];
const goodManifest = {
  name: '@codex-analytics/events',
  license: 'Apache-2.0',
  repository: { type: 'git', url: 'git+https://example.test/repo.git', directory: 'packages/events' },
  homepage: 'https://example.test/repo#readme',
  bugs: { url: 'https://example.test/repo/issues' },
};
const input = (overrides = {}) => ({
  files: goodFiles,
  manifest: goodManifest,
  directory: 'packages/events',
  license: 'Apache text',
  rootLicense: 'Apache text',
  ...overrides,
});

describe('tarballProblems', () => {
  it('finds nothing wrong with a complete tarball', () => {
    expect(tarballProblems(input())).toEqual([]);
  });

  it('fails a tarball without LICENSE or README, or with a LICENSE other than the root one', () => {
    expect(tarballProblems(input({ files: goodFiles.filter((file) => file.path !== 'LICENSE') }))).toEqual(['the tarball has no LICENSE']);
    expect(tarballProblems(input({ files: goodFiles.filter((file) => file.path !== 'README.md') }))).toEqual(['the tarball has no README.md']);
    expect(tarballProblems(input({ license: 'MIT text' }))).toEqual(["LICENSE differs from the repository's LICENSE"]);
    expect(tarballProblems(input({ files: goodFiles.map((file) => (file.path === 'README.md' ? { ...file, size: 20 } : file)) }))[0]).toMatch(/README is 20 bytes/);
  });

  it('fails sources and sourcemaps', () => {
    const files = [...goodFiles, { path: 'src/index.ts', size: 100 }, { path: 'dist/index.js.map', size: 100 }];
    expect(tarballProblems(input({ files }))).toEqual(['ships a source file (src/index.ts): dist holds the code', 'ships a sourcemap (dist/index.js.map)']);
  });

  it('fails missing repository, directory, homepage, bugs or license fields', () => {
    const { repository: _r, homepage: _h, bugs: _b, ...bare } = goodManifest;
    expect(tarballProblems(input({ manifest: { ...bare, license: 'MIT' } }))).toEqual([
      'package.json has no repository { type, url, directory }',
      'package.json has no homepage',
      'package.json has no bugs',
      'package.json license is "MIT", expected "Apache-2.0"',
    ]);
    expect(tarballProblems(input({ directory: 'packages/facts' }))).toEqual([
      'package.json repository.directory is "packages/events", expected "packages/facts"',
    ]);
  });

  it('enforces a size cap on a named file', () => {
    expect(tarballProblems(input({ maxBytes: { 'dist/index.js': 20000 } }))).toEqual([]);
    expect(tarballProblems(input({ maxBytes: { 'dist/index.js': 10000 } }))).toEqual(['dist/index.js is 18000 bytes, more than 10000']);
    expect(tarballProblems(input({ maxBytes: { 'dist/cli.js': 10000 } }))).toEqual(['dist/cli.js is not in the tarball']);
  });

  it('fails a built file or a dependency that names the private internal package', () => {
    const readFile = (path) => (path === 'dist/index.d.ts' ? "import { x } from '@codex-analytics/internal/base64';" : 'export {};');
    expect(tarballProblems(input({ readFile }))).toEqual([
      'dist/index.d.ts imports @codex-analytics/internal: it must be inlined',
    ]);
    const manifest = { ...goodManifest, dependencies: { '@codex-analytics/internal': '*' } };
    expect(tarballProblems(input({ manifest, readFile: () => 'export {};' }))).toEqual([
      'package.json dependencies names @codex-analytics/internal, which is never published',
    ]);
  });
});
