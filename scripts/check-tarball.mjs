// `check:package` step of a published package (run in its folder): packs it (dry run) and fails when the tarball
// lacks LICENSE (the repository's Apache-2.0 text) or README, ships sources or sourcemaps, or package.json lacks
// repository (with directory), homepage or bugs. `--max-bytes path=N` caps one file's size (e.g. a bin that must not
// bundle the library again). Prints the tarball's size and file count.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tarballProblems } from '../tooling/config/tarball-problems.js';

const root = new URL('..', import.meta.url).pathname;
const cwd = process.cwd();
const maxBytes = {};
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index += 1) {
  if (args[index] !== '--max-bytes') throw new Error(`check-tarball: unknown argument ${args[index]}`);
  const [path, limit] = (args[++index] ?? '').split('=');
  if (!path || !/^\d+$/.test(limit ?? '')) throw new Error('check-tarball: --max-bytes takes path=N');
  maxBytes[path] = Number(limit);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const problems = tarballProblems({
  files: pack.files,
  manifest,
  directory: relative(root, cwd).split('\\').join('/'),
  license: read(join(cwd, 'LICENSE')),
  rootLicense: read(join(root, 'LICENSE')),
  maxBytes,
  readFile: (path) => read(join(cwd, path)),
});
if (problems.length > 0) {
  for (const problem of problems) console.error(`check-tarball: ${manifest.name}: ${problem}`);
  process.exitCode = 1;
} else {
  console.log(`check-tarball: ${manifest.name}: ${pack.entryCount} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`);
}
