export interface TarballProblemsInput {
  files: { path: string; size: number }[];
  manifest: Record<string, unknown>;
  directory: string;
  license: string | undefined;
  rootLicense: string | undefined;
  maxBytes?: Record<string, number>;
}

/** What is wrong with a package's tarball, as sentences; empty when nothing is. */
export function tarballProblems(input: TarballProblemsInput): string[];
