// Width and height from the first bytes of a PNG, JPEG or WebP file: enough to check an aspect
// ratio before upload, without an image library.
import type { Base64Bytes } from "./data-uri.js";

export interface ImageSize {
  readonly format: "png" | "jpeg" | "webp";
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number): number => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number): number => u16le(b, i) | ((b[i + 2] ?? 0) << 16);

function png(head: Uint8Array): ImageSize | undefined {
  if (head.length < 24 || !PNG_SIGNATURE.every((byte, i) => head[i] === byte)) return undefined;
  if (ascii(head, 12, 4) !== "IHDR") return undefined;
  return { format: "png", width: u32be(head, 16), height: u32be(head, 20) };
}

function webp(head: Uint8Array): ImageSize | undefined {
  if (head.length < 16 || ascii(head, 0, 4) !== "RIFF" || ascii(head, 8, 4) !== "WEBP") return undefined;
  const kind = ascii(head, 12, 4);
  if (head.length < (kind === "VP8L" ? 25 : 30)) return undefined;
  switch (kind) {
    case "VP8 ": // lossy: a key frame starts with the start code 9d 01 2a
      if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return undefined;
      return { format: "webp", width: u16le(head, 26) & 0x3fff, height: u16le(head, 28) & 0x3fff };
    case "VP8L": {
      // lossless: signature 0x2f, then 14-bit width-1 and height-1, little-endian bit order
      if (head[20] !== 0x2f) return undefined;
      const bits = u16le(head, 21) + u16le(head, 23) * 0x10000;
      return { format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X": // extended: 24-bit canvas width-1 and height-1
      return { format: "webp", width: u24le(head, 24) + 1, height: u24le(head, 27) + 1 };
    default:
      return undefined;
  }
}

/** Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Base64Bytes): ImageSize | undefined {
  const soi = bytes.slice(0, 2);
  if (soi[0] !== 0xff || soi[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    const segment = bytes.slice(offset, offset + 9);
    if (segment[0] !== 0xff) return undefined;
    const marker = segment[1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // image data before any frame header
    if (isStartOfFrame(marker)) {
      if (segment.length < 9) return undefined;
      return { format: "jpeg", height: u16be(segment, 5), width: u16be(segment, 7) };
    }
    offset += 2 + u16be(segment, 2);
  }
  return undefined;
}

/** Reads the dimensions, or undefined when the bytes are not a PNG, JPEG or WebP image. */
export function readImageSize(bytes: Base64Bytes): ImageSize | undefined {
  const head = bytes.slice(0, 32);
  return png(head) ?? webp(head) ?? jpeg(bytes);
}
