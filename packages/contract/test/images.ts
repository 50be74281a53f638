// Small images built in code, for the validator's size and aspect-ratio rules.
import { crc32, deflateSync } from "node:zlib";

const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  return Buffer.concat([u32be(data.length), body, u32be(crc32(body))]);
}

/** A real, decodable greyscale PNG; `padTo` appends a private chunk to reach a byte size. */
export function png(width: number, height: number, padTo = 0): Buffer {
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 0, 0, 0, 0])]);
  const rows = Buffer.alloc((width + 1) * height); // filter byte 0 + one grey byte per pixel
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows)),
  ];
  const end = pngChunk("IEND", Buffer.alloc(0));
  const size = parts.reduce((n, p) => n + p.length, 0) + end.length;
  if (padTo > size) parts.push(pngChunk("prVt", Buffer.alloc(Math.max(0, padTo - size - 12))));
  return Buffer.concat([...parts, end]);
}

/** A baseline JPEG header: SOI, an APP0 (JFIF) and an APP1 segment before the SOF0 frame header. */
export function jpeg(width: number, height: number): Buffer {
  const segment = (marker: number, payload: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(payload.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), length, payload]);
  };
  const sof = Buffer.alloc(15);
  sof.writeUInt8(8, 0); // precision
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof.writeUInt8(3, 5); // components
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "binary")),
    segment(0xe1, Buffer.alloc(300, 7)), // e.g. EXIF, skipped by its length
    Buffer.from([0xff]), // a fill byte before the next marker
    segment(0xc0, sof),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function riff(chunk: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(chunk, 0, "ascii");
  header.writeUInt32LE(payload.length, 4);
  const body = Buffer.concat([Buffer.from("WEBP", "ascii"), header, payload]);
  const outer = Buffer.alloc(8);
  outer.write("RIFF", 0, "ascii");
  outer.writeUInt32LE(body.length, 4);
  return Buffer.concat([outer, body]);
}

/** WebP headers of the three kinds: lossy (VP8), lossless (VP8L) and extended (VP8X). */
export const webp = {
  lossy(width: number, height: number): Buffer {
    const p = Buffer.alloc(10);
    p[3] = 0x9d;
    p[4] = 0x01;
    p[5] = 0x2a;
    p.writeUInt16LE(width, 6);
    p.writeUInt16LE(height, 8);
    return riff("VP8 ", p);
  },
  lossless(width: number, height: number): Buffer {
    const p = Buffer.alloc(5);
    p[0] = 0x2f;
    const bits = (width - 1) | ((height - 1) << 14);
    p.writeUInt32LE(bits >>> 0, 1);
    return riff("VP8L", p);
  },
  extended(width: number, height: number): Buffer {
    const p = Buffer.alloc(10);
    p.writeUIntLE(width - 1, 4, 3);
    p.writeUIntLE(height - 1, 7, 3);
    return riff("VP8X", p);
  },
};

export const dataUri = (type: string, bytes: Buffer): string => `data:image/${type};base64,${bytes.toString("base64")}`;
