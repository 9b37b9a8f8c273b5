import type { Options } from 'tsup';

export interface PackageConfigOptions extends Partial<Options> {
  /** Entry points of the package. Default: `['src/index.ts']`. */
  entry?: Options['entry'];
  /** Folder whose package.json names the version embedded as `__PACKAGE_VERSION__`. Default: cwd. */
  packageDir?: string;
}

export function definePackageConfig(options?: PackageConfigOptions): Options;
