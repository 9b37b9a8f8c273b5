import { describe, expect, it } from 'vitest';
import { currentRuntimeMetadata, detectOsVersion, runtimeArchName, runtimeOsName } from './runtime-metadata.js';

describe('runtime names', () => {
  it('spells OS and architecture as Rust does', () => {
    expect(runtimeOsName('darwin')).toBe('macos');
    expect(runtimeOsName('win32')).toBe('windows');
    expect(runtimeOsName('linux')).toBe('linux');
    expect(runtimeArchName('x64')).toBe('x86_64');
    expect(runtimeArchName('arm64')).toBe('aarch64');
  });
});

describe('detectOsVersion', () => {
  const files = (entries: Record<string, string>) => (path: string) => entries[path];

  it('reads the macOS product version', () => {
    const plist = '<dict><key>ProductName</key><string>macOS</string><key>ProductVersion</key>\n\t<string>15.3.1</string></dict>';
    expect(detectOsVersion('darwin', files({ '/System/Library/CoreServices/SystemVersion.plist': plist }))).toBe('15.3.1');
  });

  it("reads Linux VERSION_ID from os-release, quoted or not", () => {
    expect(detectOsVersion('linux', files({ '/etc/os-release': 'NAME="Ubuntu"\nVERSION_ID="24.04"\n' }))).toBe('24.04');
    expect(detectOsVersion('linux', files({ '/usr/lib/os-release': 'ID=debian\nVERSION_ID=12\n' }))).toBe('12');
  });

  it('reports the Windows build', () => {
    expect(detectOsVersion('win32', files({}), () => '10.0.22631')).toBe('10.0.22631');
  });

  it('is Unknown when nothing tells', () => {
    expect(detectOsVersion('linux', files({ '/etc/os-release': 'ID=arch\n' }))).toBe('Unknown');
    expect(detectOsVersion('darwin', files({}))).toBe('Unknown');
    expect(detectOsVersion('aix', files({}))).toBe('Unknown');
  });
});

describe('currentRuntimeMetadata', () => {
  it("carries the caller's version and this machine's OS and architecture", () => {
    const runtime = currentRuntimeMetadata('0.99.0');
    expect(runtime.codex_rs_version).toBe('0.99.0');
    expect(runtime.runtime_os).toBe(runtimeOsName(process.platform));
    expect(runtime.runtime_arch).toBe(runtimeArchName(process.arch));
    expect(runtime.runtime_os_version.length).toBeGreaterThan(0);
    expect(currentRuntimeMetadata().codex_rs_version).toBe('0.0.0');
  });
});
