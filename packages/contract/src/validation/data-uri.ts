// Base64 data URIs, measured and read without decoding the whole image.

export interface DataUri {
  readonly mediaType: string;
  /** The base64 text after the comma. */
  readonly base64: string;
}

const DATA_URI = /^data:([^;,]+);base64,/;

export function parseDataUri(value: string): DataUri | undefined {
  const match = DATA_URI.exec(value);
  if (match === null || match[1] === undefined) return undefined;
  return { mediaType: match[1], base64: value.slice(match[0].length) };
}

/** Size of the decoded bytes of well-formed base64 (padded or not). */
export function decodedByteLength(base64: string): number {
  let padding = 0;
  while (padding < 2 && base64.charCodeAt(base64.length - 1 - padding) === 0x3d) padding++;
  const chars = base64.length - padding;
  return Math.floor((chars * 3) / 4);
}

/**
 * Random access to the bytes behind base64 text, decoding only the 4-character groups that
 * cover the requested range: an image header needs a few bytes of a 10 MB upload.
 */
export class Base64Bytes {
  readonly length: number;

  constructor(private readonly base64: string) {
    this.length = decodedByteLength(base64);
  }

  /** Bytes [start, end), clipped to the data. */
  slice(start: number, end: number): Uint8Array {
    const from = Math.max(0, start);
    const to = Math.min(this.length, end);
    if (to <= from) return new Uint8Array(0);
    const firstGroup = Math.floor(from / 3);
    const lastGroup = Math.ceil(to / 3);
    let chunk = this.base64.slice(firstGroup * 4, lastGroup * 4);
    chunk += "=".repeat((4 - (chunk.length % 4)) % 4);
    const binary = atob(chunk);
    const bytes = new Uint8Array(to - from);
    const skip = from - firstGroup * 3;
    for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(skip + i);
    return bytes;
  }
}
