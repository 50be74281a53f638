import { describe, expect, it } from "vitest";
import { redactor } from "./redact.js";

const KEY = "vtx-live-9F3aK2mQ7xZ1bW8c";
const redact = redactor(KEY);
const b64 = (text: string) => btoa(text);

describe("redactor", () => {
  it.each([
    ["the key itself", `invalid key ${KEY} given`],
    ["lower-cased", `invalid key ${KEY.toLowerCase()} given`],
    ["upper-cased", `invalid key ${KEY.toUpperCase()} given`],
    ["cut short", `invalid key ${KEY.slice(0, 14)}... given`],
    ["its tail", `key ending ${KEY.slice(-10)} given`],
    ["percent-encoded", `url ?key=${encodeURIComponent(`${KEY}/x`)}`],
    ["base64", `Authorization: Basic ${b64(KEY)}`],
    ["base64 inside a credential", `Authorization: Basic ${b64(`user:${KEY}`)}`],
    ["base64 at another alignment", `token ${b64(`ab${KEY}`)}`],
    ["base64url", `token ${b64(`a${KEY}`).replace(/\+/g, "-").replace(/\//g, "_")}`],
  ])("hides %s", (_, text) => {
    const shown = redact(text);
    expect(shown).toContain("[redacted]");
    expect(shown.toLowerCase()).not.toContain(KEY.slice(4, 12).toLowerCase());
    expect(shown).not.toContain(b64(KEY).slice(4, 12));
  });

  it("leaves other text as it was, and marks each occurrence once", () => {
    expect(redact("the task t-1 failed: no balance")).toBe("the task t-1 failed: no balance");
    expect(redact(`a ${KEY} b ${KEY} c`)).toBe("a [redacted] b [redacted] c");
  });
});

describe("redactor with a short key", () => {
  it("still hides its base64 form inside a credential", () => {
    const shown = redactor("sim-key")(`Basic ${btoa("user:sim-key")}`);
    expect(shown).toContain("[redacted]");
    expect(shown).not.toContain(btoa("user:sim-key").slice(8));
  });
});
