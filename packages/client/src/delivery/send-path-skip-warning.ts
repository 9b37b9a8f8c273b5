import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthSkipReason } from './delivery-report.js';

/**
 * The one warning for the first event the send path drops for a reason the caller can fix (no silent nothing: the
 * setup means nothing will be sent, so say so once, plainly, with what to do). Never names a credential.
 * Upstream (`codex-rs/analytics/src/client.rs`, `send_track_events`) returns silently in these cases.
 */
export function sendPathSkipWarning(reason: Exclude<AuthSkipReason, 'auth_error'>, env: NodeJS.ProcessEnv = process.env): string {
  const counted = `(dropped events are counted as dropped.${reason} in the report)`;
  switch (reason) {
    case 'no_auth':
      return (
        `analytics events are not sent: no credentials were found at ${authFilePath(env)}. ` +
        'Log in with Codex (`codex login`), or pass an authManager with credentials ' +
        `(createAuthManager({ credentials }) or createStaticAuthManager({ accessToken, accountId })) ${counted}`
      );
    case 'non_chatgpt_auth':
      return (
        'analytics events are not sent: the credentials are an API key, and analytics go to the ChatGPT backend only ' +
        'with a ChatGPT login (as in Codex). Log in with ChatGPT in Codex (`codex login`), or create the client with ' +
        `analyticsEnabled: false to turn analytics off ${counted}`
      );
    case 'no_account_id':
      return (
        'analytics events are not sent: the ChatGPT credentials carry no account id, which the backend requires ' +
        '(chatgpt-account-id). Log in again with Codex (`codex login`) so auth.json records it, or give the auth ' +
        `manager an accountId ${counted}`
      );
    case 'no_authorization_header':
      return (
        'analytics events are not sent: the auth manager gave no Authorization header for the ChatGPT credentials ' +
        `(an empty access token?). Log in again with Codex (\`codex login\`) ${counted}`
      );
  }
}

/** `$CODEX_HOME/auth.json`, spelled out: where the default auth manager looks. */
function authFilePath(env: NodeJS.ProcessEnv): string {
  const codexHome = env.CODEX_HOME;
  if (codexHome !== undefined && codexHome !== '') return `$CODEX_HOME/auth.json (${join(codexHome, 'auth.json')})`;
  return `$CODEX_HOME/auth.json (CODEX_HOME is unset: ${join(homedir(), '.codex', 'auth.json')})`;
}
