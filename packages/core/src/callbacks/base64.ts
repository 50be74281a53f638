// Standard base64 (RFC 4648 §4) with padding, as the provider sends signatures. btoa/atob exist in
// every runtime the core targets (Node ≥ 16, browsers, workers), unlike Buffer.

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The bytes of a canonical base64 string, or undefined. atob forgives whitespace, missing padding
 * and stray low bits, so a changed signature could decode to the same bytes: only the one
 * encoding that round-trips is accepted.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  if (btoa(binary) !== text) return undefined;
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
