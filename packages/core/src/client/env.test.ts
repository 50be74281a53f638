import { describe, expect, it } from "vitest";
import { withEnv } from "./env.js";

describe("withEnv", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  it("fills apiKey and baseUrl from VTRIX_API_KEY and VTRIX_BASE_URL", () => {
    expect(withEnv(env({ VTRIX_API_KEY: "k", VTRIX_BASE_URL: "http://127.0.0.1:9" }))).toEqual({
      apiKey: "k",
      baseUrl: "http://127.0.0.1:9",
    });
  });
  it("lets explicit options win, and ignores blank variables", () => {
    expect(withEnv(env({ VTRIX_API_KEY: "k" }), { apiKey: "mine", poll: { firstDelayMs: 1 } })).toEqual({
      apiKey: "mine",
      poll: { firstDelayMs: 1 },
    });
    expect(withEnv(env({ VTRIX_API_KEY: "  ", VTRIX_BASE_URL: "" }))).toEqual({});
  });
});
