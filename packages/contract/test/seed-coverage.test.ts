// The spec against the two model pages it was written from (spec/seeds/): every parameter,
// every option, every default and every error code of each page is in the spec.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contractData, errorCatalogue } from "../src/generated/contract-data.js";

const seed = (model: string) =>
  readFileSync(fileURLToPath(new URL(`../../../spec/seeds/${model}.txt`, import.meta.url)), "utf8");

/** The error table: pro is a markdown table, turbo runs code and text together. */
function seedErrorCodes(text: string): Map<string, string> {
  const codes = new Map<string, string>();
  for (const match of text.matchAll(/(00801\d{4})\s*\|?\s*([^|\n]+?)\s*\|?\s*$/gm)) {
    codes.set(match[1] as string, (match[2] as string).trim());
  }
  return codes;
}

/** Parameter names: a line `name type [required]` in the Parameters section. */
function seedParameters(text: string): string[] {
  const section = text.slice(text.indexOf("Parameters"), text.indexOf("Polling"));
  return [...section.matchAll(/^([a-z_]+) (string|integer|boolean|array)( required)?$/gm)].map((m) => m[1] as string);
}

const properties = contractData.params.properties;

describe.each(contractData.models)("the spec against the %s page", (model) => {
  const text = seed(model);

  it("has every error code of the page, with the page's text, for this model only", () => {
    const codes = seedErrorCodes(text);
    expect(codes.size).toBeGreaterThanOrEqual(13);
    const specCodes = Object.entries(errorCatalogue).filter(([, info]) => info.model === model);
    expect(Object.fromEntries(specCodes.map(([code, info]) => [code, info.description]))).toEqual(
      Object.fromEntries(codes),
    );
  });

  it("has every parameter of the page", () => {
    const names = seedParameters(text);
    expect(names).toContain("model");
    expect(names.filter((name) => name !== "model").sort()).toEqual(Object.keys(properties).sort());
    expect(text).toContain(`Value: ${model}`);
  });

  it("has every option and default the page lists", () => {
    expect(properties.resolution.enum).toEqual(["540p", "720p", "1080p"]);
    expect(text).toMatch(/Options: 540p, 720p, 1080p\s+Default: 720p/);
    expect(properties.resolution.default).toBe("720p");
    expect(text).toMatch(/Options: 1 - 7\s+Default: 5/);
    expect([properties.duration.minimum, properties.duration.maximum, properties.duration.default]).toEqual([1, 7, 5]);
    expect(text).toMatch(/Options: true, false\s+Default: false/);
    expect(properties.watermark.default).toBe(false);
    for (const position of properties.wm_position.enum) expect(text).toContain(`${position} (`);
    expect(properties.wm_position.default).toBe("bottom_left");
    expect(text).toMatch(/Default: bottom_left/);
    expect(text).toContain(`maximum ${properties.payload.maxLength} characters`);
    expect(text).toContain("Only supports input of 1 image");
    expect([properties.images.minItems, properties.images.maxItems]).toEqual([1, 1]);
    for (const format of ["png", "jpeg", "jpg", "webp"]) expect(properties.images.items.pattern).toContain(format);
    expect(text).toContain("Supported formats: png, jpeg, jpg, webp");
    expect(contractData.maxBody?.limit).toBe(20 * 1024 * 1024);
    expect(text).toContain("POST body must not exceed 20MB");
  });

  it("gives every rule of a parameter with a seed code this model's code", () => {
    const codeOwners = Object.entries(properties).flatMap(([name, schema]) =>
      "x-error-codes" in schema
        ? [[name, schema["x-error-codes"][model as keyof (typeof schema)["x-error-codes"]]] as const]
        : [],
    );
    for (const [name, code] of codeOwners) {
      expect(errorCatalogue, name).toHaveProperty([code as string, "model"], model);
    }
  });
});
