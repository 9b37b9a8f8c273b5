import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A throwaway copy of the repository at `dest`, so `changeset version` and `publish` consume nothing of the real one:
 * every file git tracks or would track (the working tree, uncommitted changes included; no node_modules, no dist),
 * and a node_modules whose entries link to the real one's, except the workspace packages, which link into the copy.
 * Returns the copy's workspace folders by package name.
 */
export function copyWorkspace(root, dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('release-rehearsal/') && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(join(root, file), join(dest, file));
  }
  execFileSync('git', ['init', '-q'], { cwd: dest });

  const workspaces = new Map();
  for (const group of ['packages', 'tooling', 'bench']) {
    const candidates = group === 'bench' ? [join(dest, 'bench')] : listDirs(join(dest, group)).map((name) => join(dest, group, name));
    for (const folder of candidates) {
      const manifestPath = join(folder, 'package.json');
      if (existsSync(manifestPath)) workspaces.set(JSON.parse(readFileSync(manifestPath, 'utf8')).name, folder);
    }
  }

  const modules = join(dest, 'node_modules');
  mkdirSync(join(modules, '@codex-analytics'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@codex-analytics') continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  for (const [name, folder] of workspaces) {
    if (name.startsWith('@codex-analytics/')) symlinkSync(folder, join(modules, name));
    const nested = join(root, folder.slice(dest.length), 'node_modules');
    if (existsSync(nested) && !existsSync(join(folder, 'node_modules'))) symlinkSync(nested, join(folder, 'node_modules'));
  }
  return workspaces;
}

function listDirs(folder) {
  return existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
}
