import { describe, expect, it } from "vitest";
import { dataUri, jpeg, png, webp } from "../../test/images.js";
import { seedRuleCases, validBase } from "../../test/seed-rules.js";
import { validateExtendParams as validate } from "./validate.js";

const MODELS = ["viduq2_pro_extend", "viduq2_turbo_extend"] as const;
const prefix = { viduq2_pro_extend: "0080120", viduq2_turbo_extend: "0080130" } as const;

const violationsOf = (input: unknown) => {
  const result = validate(input);
  return result.ok ? [] : result.violations;
};

describe.each(MODELS)("%s", (model) => {
  it("accepts the smallest request and one with every parameter", () => {
    expect(validate({ model, video_url: "https://cdn.example.com/a.mp4" })).toMatchObject({ ok: true, warnings: [] });
    const full = {
      model,
      video_creation_id: "812345678901234567",
      images: [dataUri("png", png(400, 300))],
      prompt: "A slow dolly forward.",
      resolution: "1080p",
      duration: 7,
      watermark: true,
      wm_url: "https://cdn.example.com/logo.png",
      wm_position: "top_right",
      meta_data: '{"Label":"x"}',
      payload: "order-4711",
      callback_url: "https://hooks.example.com/cb?x=1",
    };
    expect(validate(full)).toEqual({ ok: true, value: full, warnings: [] });
  });

  it.each(seedRuleCases)(
    "refuses $name with $field / $rule and the model's seed code",
    ({ params, field, rule, nn }) => {
      expect(violationsOf({ model, ...params })).toEqual([
        expect.objectContaining({ field, rule, code: `${prefix[model]}${nn}` }),
      ]);
    },
  );

  it("reports every violation at once, each with its own code", () => {
    const violations = violationsOf({
      model,
      video_url: "ftp://x",
      prompt: "p".repeat(2001),
      duration: 9,
      resolution: "4k",
      payload: "x".repeat(1_048_577),
      callback_url: "mailto:a@b",
    });
    expect(violations.map((v) => v.code)).toEqual(
      ["02", "04", "05", "06", "10", "11"].map((nn) => `${prefix[model]}${nn}`),
    );
    for (const violation of violations) expect(violation.message).toContain(violation.field);
  });
});

describe("characters are code points", () => {
  const model = "viduq2_turbo_extend";
  it("accepts 2000 emoji (4000 UTF-16 units) and refuses 2001", () => {
    expect(validate({ ...validBase, model, prompt: "😀".repeat(2000) }).ok).toBe(true);
    expect(violationsOf({ ...validBase, model, prompt: "😀".repeat(2001) })).toEqual([
      expect.objectContaining({
        field: "prompt",
        rule: "maxLength",
        code: "008013004",
        message: expect.stringContaining("got 2001"),
      }),
    ]);
  });
});

describe("data-URI images", () => {
  const model = "viduq2_pro_extend";
  const withImage = (image: string) => ({ ...validBase, model, images: [image] });

  it("accepts 1:4 and 4:1 exactly, in every format", () => {
    for (const image of [
      png(100, 400),
      jpeg(4000, 1000),
      webp.lossy(400, 100),
      webp.lossless(100, 400),
      webp.extended(800, 200),
    ]) {
      const type = image[0] === 0x89 ? "png" : image[0] === 0xff ? "jpeg" : "webp";
      expect(validate(withImage(dataUri(type, image))).ok).toBe(true);
    }
    expect(validate(withImage(dataUri("jpg", jpeg(1000, 1000)))).ok).toBe(true);
  });

  it("refuses an aspect ratio beyond 4:1 or 1:4 with the size code", () => {
    expect(violationsOf(withImage(dataUri("png", png(401, 100))))).toEqual([
      expect.objectContaining({
        field: "images[0]",
        rule: "aspectRatio",
        code: "008012009",
        message: expect.stringContaining("401×100"),
      }),
    ]);
    expect(violationsOf(withImage(dataUri("webp", webp.lossless(100, 401))))).toEqual([
      expect.objectContaining({ rule: "aspectRatio", code: "008012009" }),
    ]);
  });

  it("refuses more than 10 MB decoded, and accepts exactly 10 MB", () => {
    const limit = 10 * 1024 * 1024;
    expect(validate(withImage(dataUri("png", png(64, 64, limit)))).ok).toBe(true);
    expect(
      violationsOf({ ...withImage(dataUri("png", png(64, 64, limit + 1))), model: "viduq2_turbo_extend" }),
    ).toEqual([expect.objectContaining({ field: "images[0]", rule: "maxDecodedBytes", code: "008013009" })]);
  });

  it("refuses data that is no PNG, JPEG or WebP with the format code", () => {
    expect(
      violationsOf(withImage(`data:image/png;base64,${Buffer.from("GIF89a, not a png at all").toString("base64")}`)),
    ).toEqual([expect.objectContaining({ field: "images[0]", rule: "imageData", code: "008012008" })]);
  });

  it("does not fetch or judge an image URL beyond its form", () => {
    expect(validate(withImage("https://cdn.example.com/wide-10x1.png")).ok).toBe(true);
  });
});

describe("the whole body", () => {
  it("refuses a body over 20 MB even when each part is within its own limit", () => {
    const big = `data:image/png;base64,${"A".repeat(13_000_000)}`; // 9.75 MB decoded, but 13 MB of text
    const result = violationsOf({
      model: "viduq2_turbo_extend",
      ...validBase,
      images: [big],
      payload: "x".repeat(1_000_000),
      meta_data: JSON.stringify({ pad: "y".repeat(7_000_000) }),
    });
    expect(result).toContainEqual(expect.objectContaining({ field: "body", rule: "maxBodyBytes", code: "008013009" }));
  });
});

describe("model and shape", () => {
  it("requires a known model, and still checks the rest without seed codes", () => {
    expect(violationsOf({ video_url: "https://a.example/v.mp4" })).toEqual([
      expect.objectContaining({ field: "model", rule: "required" }),
    ]);
    expect(violationsOf({ model: "viduq2_extend", video_url: "https://a.example/v.mp4", duration: 0 })).toEqual([
      { field: "model", rule: "enum", message: expect.stringContaining("viduq2_pro_extend, viduq2_turbo_extend") },
      { field: "duration", rule: "minimum", message: "duration must be at least 1, got 0" },
    ]);
  });

  it("refuses a non-object", () => {
    for (const input of [null, "x", 3, []])
      expect(violationsOf(input)).toEqual([expect.objectContaining({ field: "", rule: "type" })]);
  });

  it("refuses unknown parameters and suggests the one meant", () => {
    expect(violationsOf({ ...validBase, model: "viduq2_pro_extend", durtion: 5, colour: "red" })).toEqual([
      {
        field: "durtion",
        rule: "additionalProperties",
        message: "durtion is not a parameter (did you mean duration?)",
      },
      { field: "colour", rule: "additionalProperties", message: "colour is not a parameter" },
    ]);
  });

  it("treats a parameter set to undefined as absent", () => {
    expect(
      validate({ model: "viduq2_pro_extend", video_url: "https://a.example/v.mp4", video_creation_id: undefined }).ok,
    ).toBe(true);
  });

  it("checks meta_data holds a JSON object", () => {
    const model = "viduq2_pro_extend";
    expect(violationsOf({ ...validBase, model, meta_data: "{nope" })).toEqual([
      expect.objectContaining({ field: "meta_data", rule: "contentMediaType" }),
    ]);
    expect(violationsOf({ ...validBase, model, meta_data: "[1]" })).toEqual([
      expect.objectContaining({ field: "meta_data", rule: "contentSchema" }),
    ]);
  });

  it("warns when watermark options are set without watermark", () => {
    const result = validate({
      ...validBase,
      model: "viduq2_pro_extend",
      wm_url: "https://a.example/l.png",
      wm_position: "top_left",
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.field)).toEqual(["wm_url", "wm_position"]);
    expect(
      validate({ ...validBase, model: "viduq2_pro_extend", watermark: true, wm_position: "top_left" }).warnings,
    ).toEqual([]);
  });
});
