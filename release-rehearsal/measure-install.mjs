import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What an install put in `node_modules`: the packages (by `name@version`) and their bytes on disk (file sizes). */
export function measureInstall(projectFolder) {
  const packages = new Set();
  let bytes = 0;
  const walk = (folder, inModules) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (inModules && entry.name !== '.bin' && !entry.name.startsWith('@') && existsSync(join(path, 'package.json'))) {
          packages.add(path.slice(projectFolder.length + 1));
        }
        walk(path, entry.name === 'node_modules' || entry.name.startsWith('@'));
      } else {
        bytes += lstatSync(path).size;
      }
    }
  };
  const modules = join(projectFolder, 'node_modules');
  walk(modules, true);
  return { packages: [...packages].sort(), bytes };
}
