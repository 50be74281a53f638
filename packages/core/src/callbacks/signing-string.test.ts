import { describe, expect, it } from "@effect/vitest";
import { signingString } from "./signing-string.js";

const headers: Record<string, string> = {
  date: "Tue, 06 May 2025 12:09:42 GMT",
  "x-request-nonce": "123e4567-e89b-12d3-a456-426614174000",
};
const headerValue = (name: string): string => headers[name.toLowerCase()] ?? "";

const input = {
  method: "POST",
  url: "http://127.0.0.1:8080/vidu/callback?name=james&age=36",
  accessKey: "vidu",
  date: "Tue, 06 May 2025 12:09:42 GMT",
  signedHeaderNames: ["Date", "x-request-nonce"],
  headerValue,
};

describe("signingString", () => {
  it("reproduces the provider's worked example byte for byte", () => {
    expect(signingString(input)).toBe(
      "POST\n/vidu/callback\nname=james&age=36\nvidu\nTue, 06 May 2025 12:09:42 GMT\nDate:Tue, 06 May 2025 12:09:42 GMT\nx-request-nonce:123e4567-e89b-12d3-a456-426614174000\n",
    );
  });

  it("upper-cases the method, keeps header names as listed and their order", () => {
    const text = signingString({ ...input, method: "post", signedHeaderNames: ["X-Request-Nonce", "DATE"] });
    expect(text).toBe(
      "POST\n/vidu/callback\nname=james&age=36\nvidu\nTue, 06 May 2025 12:09:42 GMT\nX-Request-Nonce:123e4567-e89b-12d3-a456-426614174000\nDATE:Tue, 06 May 2025 12:09:42 GMT\n",
    );
  });

  it("signs `/` for an empty path and an empty line for no query", () => {
    expect(
      signingString({ ...input, url: "https://example.com" })
        .split("\n")
        .slice(0, 3),
    ).toEqual(["POST", "/", ""]);
    expect(
      signingString({ ...input, url: "https://example.com/hook?" })
        .split("\n")
        .slice(0, 3),
    ).toEqual(["POST", "/hook", ""]);
  });

  it("reads a path-only URL (Node's req.url) as a path, even when it starts with //", () => {
    expect(signingString({ ...input, url: "/vidu/callback?name=james&age=36" })).toBe(signingString(input));
    expect(signingString({ ...input, url: "//vidu/callback" }).split("\n")[1]).toBe("//vidu/callback");
  });

  it("ignores the origin and the fragment, which the provider does not sign", () => {
    expect(signingString({ ...input, url: new URL("https://other.example/vidu/callback?name=james&age=36#x") })).toBe(
      signingString(input),
    );
  });
});
