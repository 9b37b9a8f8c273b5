import { readFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import type { CodexRuntimeMetadata } from '@codex-analytics/events';

/** The OS name as Rust's `std::env::consts::OS` spells it. */
export function runtimeOsName(nodePlatform: string = platform()): string {
  switch (nodePlatform) {
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    case 'sunos':
      return 'solaris';
    default:
      return nodePlatform;
  }
}

/** The CPU architecture as Rust's `std::env::consts::ARCH` spells it. */
export function runtimeArchName(nodeArch: string = arch()): string {
  switch (nodeArch) {
    case 'x64':
      return 'x86_64';
    case 'arm64':
      return 'aarch64';
    case 'ia32':
      return 'x86';
    case 'arm':
      return 'arm';
    case 'ppc64':
      return 'powerpc64';
    case 'loong64':
      return 'loongarch64';
    default:
      return nodeArch;
  }
}

/** Reads a text file, or `undefined` when it cannot be read. */
export type ReadTextFile = (path: string) => string | undefined;

const readTextFileOrUndefined: ReadTextFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const UNKNOWN_OS_VERSION = 'Unknown';

/**
 * The OS product version as the Rust `os_info` crate reports it: the macOS product version (`15.3.1`), the
 * Linux distribution's `VERSION_ID` from os-release (`24.04`), the Windows build (`10.0.22631`); `Unknown`
 * when it cannot be found.
 */
export function detectOsVersion(
  nodePlatform: string = platform(),
  readTextFile: ReadTextFile = readTextFileOrUndefined,
  kernelRelease: () => string = release,
): string {
  switch (nodePlatform) {
    case 'darwin': {
      const plist = readTextFile('/System/Library/CoreServices/SystemVersion.plist');
      const match = plist?.match(/<key>ProductVersion<\/key>\s*<string>([^<]+)<\/string>/);
      return match?.[1]?.trim() || UNKNOWN_OS_VERSION;
    }
    case 'linux': {
      const osRelease = readTextFile('/etc/os-release') ?? readTextFile('/usr/lib/os-release');
      const match = osRelease?.match(/^VERSION_ID=(?:"([^"]*)"|'([^']*)'|(\S*))\s*$/m);
      const version = match?.[1] ?? match?.[2] ?? match?.[3];
      return version ? version : UNKNOWN_OS_VERSION;
    }
    case 'win32':
      return kernelRelease() || UNKNOWN_OS_VERSION;
    default:
      return UNKNOWN_OS_VERSION;
  }
}

let cachedOsVersion: string | undefined;

/**
 * Runtime metadata of this process: `codex_rs_version` is the caller's version (the Codex version the event
 * describes; `0.0.0` for dev builds). The OS version is read once and cached.
 */
export function currentRuntimeMetadata(version = '0.0.0'): CodexRuntimeMetadata {
  cachedOsVersion ??= detectOsVersion();
  return {
    codex_rs_version: version,
    runtime_os: runtimeOsName(),
    runtime_os_version: cachedOsVersion,
    runtime_arch: runtimeArchName(),
  };
}
