import { describe, expect, it } from "vitest";
import { isViduExtendError, MissingApiKey } from "../errors/index.js";
import { withEnv, withEnvKey } from "./env.js";

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
  it("withEnvKey: throws MissingApiKey naming VTRIX_API_KEY, the source and the option when there is no key", () => {
    expect(withEnvKey(env({ VTRIX_API_KEY: "k" }))).toEqual({ apiKey: "k" });
    for (const vars of [{}, { VTRIX_API_KEY: "  " }]) {
      const thrown = (() => {
        try {
          withEnvKey(env(vars), {}, "process.env");
        } catch (error) {
          return error;
        }
      })();
      expect(thrown).toBeInstanceOf(MissingApiKey);
      expect(isViduExtendError(thrown)).toBe(true);
      expect(thrown).toMatchObject({ variable: "VTRIX_API_KEY", retryable: false, mayHaveBilled: false });
      expect((thrown as Error).message).toBe("no API key: set VTRIX_API_KEY in process.env, or pass the apiKey option");
    }
  });
});
