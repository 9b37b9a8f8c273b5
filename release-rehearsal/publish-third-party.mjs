import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command.mjs';

/**
 * The registry has no uplink, so what the published packages need from npm (zod, undici, …) is published to it
 * from the repository's own node_modules: every dependency and non-optional peer of the given packages, and theirs,
 * as installed. Scripts and publishConfig are stripped so nothing runs and nothing is sent elsewhere.
 * Returns the `name@version` list published.
 */
export async function publishThirdParty({ packageFolders, workFolder, npmEnv }) {
  const found = new Map();
  const queue = [...packageFolders];
  while (queue.length > 0) {
    const from = queue.shift();
    const manifest = readJson(join(from, 'package.json'));
    const optionalPeers = manifest.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => optionalPeers[name]?.optional !== true),
    ].filter((name) => !name.startsWith('@codex-analytics/'));
    for (const name of names) {
      const folder = resolvePackageFolder(name, from);
      const { version } = readJson(join(folder, 'package.json'));
      const key = `${name}@${version}`;
      if (found.has(key)) continue;
      found.set(key, { name, version, folder });
      queue.push(folder);
    }
  }
  const ordered = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  for (const { name, version, folder } of ordered) {
    const copy = join(workFolder, `${name.replace('/', '+')}@${version}`);
    mkdirSync(copy, { recursive: true });
    cpSync(folder, copy, { recursive: true, dereference: true, filter: (source) => !source.slice(folder.length).includes('node_modules') });
    const manifest = readJson(join(copy, 'package.json'));
    delete manifest.scripts;
    delete manifest.publishConfig;
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    const newest = ordered.filter((other) => other.name === name).at(-1).version === version;
    await runCommand('npm', ['publish', '--ignore-scripts', '--tag', newest ? 'latest' : `v${version}`], { cwd: copy, env: npmEnv });
  }
  return ordered.map(({ name, version }) => `${name}@${version}`);
}

/** Where Node would find `name` from `from`: the nearest node_modules/<name> walking up. */
function resolvePackageFolder(name, from) {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(folder) === folder) throw new Error(`cannot find ${name} from ${from}`);
  }
}

function compareVersions(a, b) {
  const parts = (version) => version.split(/[.+-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    if (left[index] === right[index]) continue;
    if (left[index] === undefined) return -1;
    if (right[index] === undefined) return 1;
    return left[index] < right[index] ? -1 : 1;
  }
  return 0;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
