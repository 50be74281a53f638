import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/index.js";
import { processesMentioning } from "./processes.js";

describe("startPrism when Prism cannot start", () => {
  it("rejects with Prism's output when the spec does not exist, and leaves no process", async () => {
    const spec = `/nonexistent/${randomUUID()}/openapi.json`;

    const failure = startPrism({ mode: "mock", spec });

    await expect(failure).rejects.toThrow(/Prism exited \(code 1\) before listening/);
    await expect(failure).rejects.toThrow(`Error opening file "${spec}"`);
    expect(processesMentioning(spec)).toEqual([]);
  });

  it("rejects with the output so far when Prism is not ready in time, and stops it", async () => {
    // A copy under a unique name, so that its command line tells this Prism apart from the other tests' ones.
    const dir = mkdtempSync(join(tmpdir(), "prism-harness-"));
    const spec = join(dir, "openapi.json");
    copyFileSync(createRequire(import.meta.url).resolve("@vidu-extend/spec/openapi.json"), spec);
    try {
      const failure = startPrism({ mode: "mock", spec, readyTimeoutMs: 1 });

      await expect(failure).rejects.toThrow(/Prism did not start listening on http:\/\/127\.0\.0\.1:\d+ within 1 ms/);
      expect(processesMentioning(spec)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects proxy mode without an upstream before starting anything", async () => {
    await expect(startPrism({ mode: "proxy" })).rejects.toThrow("proxy mode needs `upstream`");
  });
});
