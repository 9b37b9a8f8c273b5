/**
 * What is wrong with a package's tarball, as a list of sentences (empty when nothing is).
 *
 * @param {object} input
 * @param {{ path: string, size: number }[]} input.files  the tarball's files (`npm pack --dry-run --json`)
 * @param {Record<string, any>} input.manifest            the package.json
 * @param {string} input.directory                        the package's folder relative to the repository root
 * @param {string | undefined} input.license              the text of the package's LICENSE file
 * @param {string | undefined} input.rootLicense          the text of the repository's LICENSE file
 * @param {Record<string, number>} [input.maxBytes]       largest allowed size per file path
 * @param {(path: string) => string | undefined} [input.readFile]  a packed file's text (to find private imports)
 */
export function tarballProblems({ files, manifest, directory, license, rootLicense, maxBytes = {}, readFile }) {
  const problems = [];
  const paths = new Set(files.map((file) => file.path));
  if (!paths.has('LICENSE')) problems.push('the tarball has no LICENSE');
  else if (rootLicense !== undefined && license !== rootLicense) problems.push("LICENSE differs from the repository's LICENSE");
  const readme = files.find((file) => /^readme(\.md)?$/i.test(file.path));
  if (readme === undefined) problems.push('the tarball has no README.md');
  else if (readme.size < 200) problems.push(`README is ${readme.size} bytes: say what the package holds, how to install it, an example`);
  for (const file of files) {
    if (file.path.startsWith('src/')) problems.push(`ships a source file (${file.path}): dist holds the code`);
    if (file.path.endsWith('.map')) problems.push(`ships a sourcemap (${file.path})`);
  }
  const repository = manifest.repository;
  if (typeof repository !== 'object' || repository === null || typeof repository.url !== 'string') {
    problems.push('package.json has no repository { type, url, directory }');
  } else if (repository.directory !== directory) {
    problems.push(`package.json repository.directory is ${JSON.stringify(repository.directory)}, expected ${JSON.stringify(directory)}`);
  }
  if (typeof manifest.homepage !== 'string' || manifest.homepage === '') problems.push('package.json has no homepage');
  if (typeof manifest.bugs?.url !== 'string' && typeof manifest.bugs !== 'string') problems.push('package.json has no bugs');
  if (manifest.license !== 'Apache-2.0') problems.push(`package.json license is ${JSON.stringify(manifest.license)}, expected "Apache-2.0"`);
  for (const [path, limit] of Object.entries(maxBytes)) {
    const file = files.find((candidate) => candidate.path === path);
    if (file === undefined) problems.push(`${path} is not in the tarball`);
    else if (file.size > limit) problems.push(`${path} is ${file.size} bytes, more than ${limit}`);
  }
  // The private helpers are inlined at build time: no published file or dependency may name them.
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    if (manifest[field]?.[PRIVATE_PACKAGE] !== undefined) problems.push(`package.json ${field} names ${PRIVATE_PACKAGE}, which is never published`);
  }
  if (readFile !== undefined) {
    for (const file of files) {
      if (!/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file.path)) continue;
      if (readFile(file.path)?.includes(PRIVATE_PACKAGE) === true) problems.push(`${file.path} imports ${PRIVATE_PACKAGE}: it must be inlined`);
    }
  }
  return problems;
}

/** The private package of shared helpers (tooling/internal), inlined into each package's build. */
const PRIVATE_PACKAGE = '@codex-analytics/internal';
