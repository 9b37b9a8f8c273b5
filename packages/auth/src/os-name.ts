/** The operating system as Codex names it (Rust `std::env::consts::OS`): `macos`, `windows`, `linux`… */
export function codexOsName(platform: string = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    default:
      return platform;
  }
}
