/** Replaces every occurrence of each secret (of a length worth hiding) with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 8) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}
