const standardBase64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64UrlPattern = /^[A-Za-z0-9_-]*$/;

/** Standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** URL-safe base64 without padding (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Strict standard base64; `undefined` for anything else (Buffer.from alone silently skips bad characters). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!standardBase64Pattern.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** URL-safe base64, padding optional; `undefined` for anything else. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!base64UrlPattern.test(unpadded) || unpadded.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(unpadded, 'base64url'));
}
