import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { imageFromFile } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "vidu-images-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const chunk = (type: string, data: Buffer) =>
  Buffer.concat([u32(data.length), Buffer.from(type), data, u32(crc32(Buffer.concat([Buffer.from(type), data])))]);
const png = (width: number, height: number) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])])),
    chunk("IDAT", deflateSync(Buffer.alloc((width + 1) * height))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe("imageFromFile", () => {
  it("turns a PNG into a data URI", async () => {
    const bytes = png(40, 30);
    expect(await imageFromFile(file("ok.png", bytes))).toBe(`data:image/png;base64,${bytes.toString("base64")}`);
  });

  it("names the type from the bytes, not the file name", async () => {
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      16,
      ...Buffer.from("JFIF\0"),
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
      0xff,
      0xc0,
      0,
      17,
      8,
      0,
      90,
      0,
      160,
      3,
      1,
      0x22,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
      0xff,
      0xd9,
    ]);
    expect(await imageFromFile(file("photo.png", jpeg))).toMatch(/^data:image\/jpeg;base64,/);
  });

  it("refuses what it cannot read, what is no PNG/JPEG/WebP, and what is over 10 MB", async () => {
    await expect(imageFromFile(join(dir, "missing.png"))).rejects.toMatchObject({
      _tag: "ImageFileError",
      reason: "unreadable",
    });
    await expect(imageFromFile(file("anim.gif", Buffer.from("GIF89a........")))).rejects.toMatchObject({
      _tag: "ImageFileError",
      field: "images[0]",
      reason: "unsupported-type",
      message: expect.stringMatching(/^images\[0\]: .*anim\.gif is not a PNG, JPEG or WebP image/),
    });
    await expect(imageFromFile(file("huge.png", Buffer.alloc(10 * 1024 * 1024 + 1)))).rejects.toMatchObject({
      _tag: "ImageFileError",
      reason: "too-large",
    });
  });

  it("refuses an aspect ratio beyond 4:1 with the spec's rule and the model's seed code", async () => {
    await expect(imageFromFile(file("wide.png", png(500, 100)), { model: "viduq2_pro_extend" })).rejects.toMatchObject({
      _tag: "ValidationError",
      violations: [{ field: "images[0]", rule: "aspectRatio", code: "008012009" }],
    });
  });
});
