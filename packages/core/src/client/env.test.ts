import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Layer from "effect/Layer";
import { describe, expect, it } from "vitest";
import { isViduExtendError, MissingApiKey } from "../errors/index.js";
import { layerFromEnv, withEnv, withEnvKey } from "./env.js";

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

describe("layerFromEnv", () => {
  const build = (read: (name: string) => string | undefined) =>
    Effect.runPromiseExit(Effect.scoped(Layer.build(layerFromEnv(read, {}, "test env"))));

  it("is read when built, and fails with MissingApiKey (a typed failure) without a key", async () => {
    let reads = 0;
    const declared = layerFromEnv(() => {
      reads++;
      return undefined;
    });
    expect(reads).toBe(0);
    const exit = await Effect.runPromiseExit(Effect.scoped(Layer.build(declared)));
    expect(reads).toBeGreaterThan(0);
    expect(Exit.isFailure(exit) && exit.cause.reasons.map((r) => r._tag)).toEqual(["Fail"]);
    const failure = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined;
    expect(failure?._tag === "Fail" && failure.error).toBeInstanceOf(MissingApiKey);
  });

  it("turns anything else the reader throws into a defect, never a MissingApiKey", async () => {
    const exit = await build(() => {
      throw new TypeError("reader broke");
    });
    expect(Exit.isFailure(exit) && exit.cause.reasons.map((r) => r._tag)).toEqual(["Die"]);
  });

  it("builds the service when the key is there", async () => {
    const exit = await build((name) => (name === "VTRIX_API_KEY" ? "k" : undefined));
    expect(Exit.isSuccess(exit)).toBe(true);
  });
});
