import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CURRENT_ONLY_EVENT_TYPES, EVENT_TYPES } from '@codex-analytics/events';
import { eventFieldInfo } from './event-field-info.js';
import { livePageHtml } from './live-page-html.js';
import { livePageScript } from './live-page-bundle.js';

/**
 * `GET /`: the live page. One HTML document with its style and script inline (nothing loaded from elsewhere): a
 * picture of the session (threads as lanes, turns and events on a time axis), the events table, the counts per type
 * against the 14, the rate over time, the rejected requests, drift, filters, and the selected event's JSON with each
 * field explained. Event content only ever reaches the page through `textContent`; a per-response CSP nonce admits
 * nothing else, and `connect-src 'self'` keeps its requests on the collector.
 */
export function sendLivePage(response: ServerResponse): void {
  const nonce = randomBytes(16).toString('base64');
  const html = livePageHtml({ nonce, configJson: pageConfigJson(), script: livePageScript });
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
  response.end(html);
}

let configJson: string | undefined;

/** The event types and field descriptions, as JSON safe inside a `<script>` element (`<` escaped). */
function pageConfigJson(): string {
  configJson ??= JSON.stringify({ eventTypes: [...EVENT_TYPES, ...CURRENT_ONLY_EVENT_TYPES], fields: eventFieldInfo() }).replace(/</g, '\\u003c');
  return configJson;
}
