const standardPattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const urlPattern = /^[A-Za-z0-9_-]*$/;

/** Strict standard base64 (padded); `undefined` for anything else, where `Buffer.from` would skip bad characters. */
export function decodeBase64(text: string): Buffer | undefined {
  return standardPattern.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** Strict URL-safe base64, padding optional; `undefined` for anything else. */
export function decodeBase64Url(text: string): Buffer | undefined {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!urlPattern.test(unpadded) || unpadded.length % 4 === 1) return undefined;
  return Buffer.from(unpadded, 'base64url');
}
