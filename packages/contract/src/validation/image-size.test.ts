import { describe, expect, it } from "vitest";
import { jpeg, png, webp } from "../../test/images.js";
import { Base64Bytes, decodedByteLength } from "./data-uri.js";
import { readImageSize } from "./image-size.js";

const read = (bytes: Buffer) => readImageSize(new Base64Bytes(bytes.toString("base64")));

describe("readImageSize", () => {
  it("reads a PNG's IHDR", () => {
    expect(read(png(640, 160))).toEqual({ format: "png", width: 640, height: 160 });
  });

  it("walks JPEG segments (APPn, fill bytes) to the frame header", () => {
    expect(read(jpeg(1920, 1080))).toEqual({ format: "jpeg", width: 1920, height: 1080 });
  });

  it("reads the three WebP kinds", () => {
    expect(read(webp.lossy(800, 600))).toEqual({ format: "webp", width: 800, height: 600 });
    expect(read(webp.lossless(4000, 1000))).toEqual({ format: "webp", width: 4000, height: 1000 });
    expect(read(webp.extended(16383, 3))).toEqual({ format: "webp", width: 16383, height: 3 });
  });

  it("refuses bytes that are no such image", () => {
    expect(read(Buffer.from("GIF89a............................"))).toBeUndefined();
    expect(read(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
    expect(read(png(10, 10).subarray(0, 20))).toBeUndefined();
  });
});

describe("Base64Bytes", () => {
  it("decodes any byte range without decoding the rest", () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    const reader = new Base64Bytes(bytes.toString("base64"));
    for (const [start, end] of [
      [0, 1],
      [1, 5],
      [2, 3],
      [997, 1000],
      [500, 2000],
    ] as const) {
      expect(Buffer.from(reader.slice(start, end))).toEqual(bytes.subarray(start, end));
    }
  });

  it("measures the decoded size, padded or not", () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1000]) {
      const base64 = Buffer.alloc(length).toString("base64");
      expect(decodedByteLength(base64)).toBe(length);
      expect(decodedByteLength(base64.replace(/=+$/, ""))).toBe(length);
    }
  });
});
