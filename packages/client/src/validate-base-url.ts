/**
 * Checks `baseUrl` when the client is created, so a typo fails at once instead of every batch failing later as a
 * `transport_error`: it must be an absolute `http:` or `https:` URL (e.g. `https://chatgpt.com/backend-api/`).
 * The error names the value only when it carries no userinfo (`user:password@`), so it never echoes a credential.
 */
export function validateBaseUrl(baseUrl: unknown): string {
  const example = "an absolute http(s) URL such as 'https://chatgpt.com/backend-api/' or 'http://127.0.0.1:8787/backend-api/'";
  if (typeof baseUrl !== 'string') {
    throw new TypeError(`AnalyticsEventsClient: baseUrl must be ${example}; got ${baseUrl === null ? 'null' : typeof baseUrl}`);
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const shown = baseUrl.includes('@') ? 'a value with userinfo (not shown)' : JSON.stringify(baseUrl.length > 120 ? `${baseUrl.slice(0, 120)}…` : baseUrl);
    const why = url === undefined ? 'not a URL' : `a ${url.protocol} URL`;
    throw new TypeError(`AnalyticsEventsClient: baseUrl must be ${example}; got ${shown} (${why})`);
  }
  return baseUrl;
}
