import { readFileSync } from 'node:fs';
import type { CodexRuntimeMetadata } from '@codex-analytics/events';
import type { Transport } from '@codex-analytics/transport';

// The identity headers the real Rust client puts on every request (codex-rs/login default_client: `originator`,
// `User-Agent`, and the residency header when a residency requirement is configured), as Codex CLI 0.169.0 sent them:
//   originator: codex_vscode
//   user-agent: codex_vscode/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_vscode; 1.2.3)
// Before an app-server client initializes, the originator is `codex_cli_rs` and the suffix is absent; the first
// client to initialize names the process (the originator becomes its `clientInfo.name`, the suffix its name and
// version). An explicit originator is a process override: it stays, with no suffix.

/** The residency header upstream sends when a residency requirement is configured. */
export const RESIDENCY_HEADER = 'x-openai-internal-codex-residency';

/** The originator of a process no app-server client has named (upstream `DEFAULT_ORIGINATOR`). */
export const DEFAULT_ORIGINATOR = 'codex_cli_rs';

export interface RequestIdentityOptions {
  /** A fixed originator (upstream's process override): never replaced by a client name, no suffix. */
  originator?: string;
  /** The runtime the User-Agent describes (Codex version, OS version, architecture). */
  runtimeMetadata: () => CodexRuntimeMetadata;
  /** Residency requirement (e.g. `us`); sent as `x-openai-internal-codex-residency` when set. */
  residency?: string;
  /** Environment read for the terminal (`TERM_PROGRAM`, `TERM`). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The OS name of the User-Agent (upstream's os_info type, e.g. `Debian`, `Mac OS`). Default: detected. */
  osType?: () => string;
}

export interface RequestIdentity {
  /** An app-server client initialized: the first one names the process (unless the originator is fixed). */
  claim(clientInfo: { name?: unknown; version?: unknown } | undefined): void;
  /** `originator`, `user-agent` and, when configured, the residency header. */
  headers(): Record<string, string>;
}

export function createRequestIdentity(options: RequestIdentityOptions): RequestIdentity {
  const fixed = options.originator !== undefined && options.originator !== '';
  let originator = fixed ? options.originator! : DEFAULT_ORIGINATOR;
  let suffix: string | undefined;
  let claimed = fixed;
  const osType = options.osType ?? detectOsType;
  let cached: Record<string, string> | undefined;

  return {
    claim: (clientInfo) => {
      if (claimed || typeof clientInfo?.name !== 'string' || clientInfo.name === '') return;
      claimed = true;
      originator = clientInfo.name;
      suffix = typeof clientInfo.version === 'string' ? `${clientInfo.name}; ${clientInfo.version}` : clientInfo.name;
      cached = undefined;
    },
    headers: () => {
      if (cached !== undefined) return cached;
      const runtime = options.runtimeMetadata();
      const userAgent = codexUserAgent({
        originator,
        version: runtime.codex_rs_version,
        osType: osType(runtime.runtime_os),
        osVersion: runtime.runtime_os_version,
        arch: runtime.runtime_arch,
        terminal: terminalName(options.env ?? process.env),
        suffix,
      });
      const headers: Record<string, string> = { originator: headerSafe(originator), 'user-agent': userAgent };
      if (options.residency !== undefined && options.residency !== '') headers[RESIDENCY_HEADER] = headerSafe(options.residency);
      cached = headers;
      return headers;
    },
  };
}

/** `{originator}/{version} ({os type} {os version}; {arch}) {terminal}` and ` ({suffix})` when a client named the process. */
export function codexUserAgent(parts: {
  originator: string;
  version: string;
  osType: string;
  osVersion: string;
  arch: string;
  terminal: string;
  suffix?: string | undefined;
}): string {
  const base = `${parts.originator}/${parts.version} (${parts.osType} ${parts.osVersion}; ${parts.arch}) ${parts.terminal}`;
  return headerSafe(parts.suffix === undefined ? base : `${base} (${parts.suffix})`);
}

/** The terminal as upstream names it: `TERM_PROGRAM` (with `/TERM_PROGRAM_VERSION`), else `TERM`, else `unknown`. */
export function terminalName(env: NodeJS.ProcessEnv): string {
  const program = env.TERM_PROGRAM?.trim();
  if (program) {
    const version = env.TERM_PROGRAM_VERSION?.trim();
    return tokenSafe(version ? `${program}/${version}` : program);
  }
  const term = env.TERM?.trim();
  return term ? tokenSafe(term) : 'unknown';
}

/** The OS name of the User-Agent for a runtime's `runtime_os`: the Linux distribution, `Mac OS`, `Windows`. */
export function detectOsType(runtimeOs: string, readOsRelease: () => string = () => readFileSync('/etc/os-release', 'utf8')): string {
  switch (runtimeOs) {
    case 'macos':
      return 'Mac OS';
    case 'windows':
      return 'Windows';
    case 'linux':
      return linuxDistribution(readOsRelease);
    default:
      return runtimeOs === '' ? 'Unknown' : runtimeOs.charAt(0).toUpperCase() + runtimeOs.slice(1);
  }
}

const distributionNames: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  fedora: 'Fedora',
  centos: 'CentOS',
  rhel: 'Redhat',
  arch: 'Arch Linux',
  alpine: 'Alpine Linux',
  amzn: 'Amazon Linux AMI',
  opensuse: 'openSUSE',
  'opensuse-leap': 'openSUSE',
  'opensuse-tumbleweed': 'openSUSE',
  linuxmint: 'Mint',
  nixos: 'NixOS',
  manjaro: 'Manjaro',
};

function linuxDistribution(readOsRelease: () => string): string {
  let text: string;
  try {
    text = readOsRelease();
  } catch {
    return 'Linux';
  }
  const id = /^ID=("?)([^"\n]*)\1$/m.exec(text)?.[2]?.trim().toLowerCase();
  return (id !== undefined && distributionNames[id]) || 'Linux';
}

/** Header values are visible ASCII: anything else becomes `_` (as upstream sanitizes its User-Agent). */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '_');
}

/** One token of the User-Agent: no spaces or parentheses. */
function tokenSafe(value: string): string {
  return headerSafe(value).replace(/[\s()]/g, '_');
}

/** A transport that adds `headers()` to every request; the request's own headers (credentials) win. */
export function withRequestHeaders(transport: Transport, headers: () => Record<string, string>): Transport {
  return {
    send: (request) => transport.send({ ...request, headers: { ...safely(headers), ...request.headers } }),
    close: () => transport.close(),
  };
}

function safely(headers: () => Record<string, string>): Record<string, string> {
  try {
    return headers();
  } catch {
    // Runtime metadata that cannot be read costs the identity headers, never the request.
    return {};
  }
}
