import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointLength, utf8ByteLength } from "./text.js";

describe("codePointLength", () => {
  it("counts an astral character (two UTF-16 units) as one", () => {
    expect("😀".length).toBe(2);
    expect(codePointLength("😀")).toBe(1);
    expect(codePointLength("a😀b𝄞")).toBe(4);
  });

  it("counts a lone surrogate as one character", () => {
    expect(codePointLength("\ud800")).toBe(1);
    expect(codePointLength("\udc00\udc00")).toBe(2);
  });

  it("agrees with the string iterator for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => codePointLength(s) === [...s].length));
  });
});

describe("utf8ByteLength", () => {
  it("agrees with TextEncoder for any string, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constant("\ud800"), fc.constant("\udfff"), fc.string({ unit: "binary", maxLength: 1 })),
        }),
        (s) => utf8ByteLength(s) === encoder.encode(s).length,
      ),
    );
  });
});
