const remoteControlSuffixes = ['/wham/remote/control/server/enroll', '/wham/remote/control/server'];

/**
 * The backend base for the agent endpoints, as upstream derives it: trailing `/` trimmed, a remote-control
 * suffix stripped, `/backend-api` appended for `https://chatgpt.com…` and `https://chat.openai.com…` URLs
 * that lack it, and a trailing `/codex` stripped.
 */
export function normalizeChatgptBaseUrl(baseUrl: string): string {
  let normalized = baseUrl.trim().replace(/\/+$/, '');
  for (const suffix of remoteControlSuffixes) {
    if (normalized.endsWith(suffix)) {
      normalized = normalized.slice(0, -suffix.length);
      break;
    }
  }
  if (
    (normalized.startsWith('https://chatgpt.com') || normalized.startsWith('https://chat.openai.com')) &&
    !normalized.includes('/backend-api')
  ) {
    normalized = `${normalized}/backend-api`;
  }
  if (normalized.endsWith('/codex')) normalized = normalized.slice(0, -'/codex'.length);
  return normalized;
}

/**
 * Whether the agent endpoints may be called at `baseUrl`: `chatgpt.com` and its subdomains, `chat.openai.com`,
 * `chatgpt-staging.com` and its subdomains, plus the exact `extraHosts` (tests add `127.0.0.1`).
 */
export function isAllowedChatgptHost(baseUrl: string, extraHosts: readonly string[] = []): boolean {
  let hostname: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    hostname = url.hostname.toLowerCase();
  } catch {
    return false;
  }
  if (extraHosts.some((host) => host.toLowerCase() === hostname)) return true;
  return (
    hostname === 'chatgpt.com' ||
    hostname.endsWith('.chatgpt.com') ||
    hostname === 'chat.openai.com' ||
    hostname === 'chatgpt-staging.com' ||
    hostname.endsWith('.chatgpt-staging.com')
  );
}
