import assert from "node:assert/strict";
import { callbackHandler, createClient, EnvAccessDenied, layer, MissingApiKey, ViduExtend } from "@vidu-extend/deno";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";

const deniedApiKey = (error: unknown) =>
  error instanceof EnvAccessDenied &&
  error.variable === "VTRIX_API_KEY" &&
  error.message.includes("--allow-env=VTRIX_API_KEY,VTRIX_BASE_URL");

Deno.test({
  name: "without the env permission, each entry point names the variable and the flag to add",
  permissions: { env: false },
  async fn() {
    assert.throws(() => createClient(), deniedApiKey);
    assert.throws(() => callbackHandler(), deniedApiKey);
    const exit = await Effect.runPromiseExit(Effect.provide(ViduExtend, layer()));
    assert.ok(Exit.isFailure(exit));
    const failure = Cause.findErrorOption(exit.cause);
    assert.ok(failure._tag === "Some" && deniedApiKey(failure.value));
  },
});

Deno.test("without VTRIX_API_KEY, each entry point fails at once with MissingApiKey naming it", async () => {
  const saved = Deno.env.get("VTRIX_API_KEY");
  Deno.env.delete("VTRIX_API_KEY");
  try {
    const missing = (error: unknown) =>
      error instanceof MissingApiKey &&
      error.variable === "VTRIX_API_KEY" &&
      /set VTRIX_API_KEY in Deno.env/.test(error.message);
    assert.throws(() => createClient(), missing);
    assert.throws(() => callbackHandler(), MissingApiKey);
    const exit = await Effect.runPromiseExit(Effect.provide(ViduExtend, layer()));
    const failure = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined;
    assert.ok(failure?._tag === "Some" && missing(failure.value));
  } finally {
    if (saved !== undefined) Deno.env.set("VTRIX_API_KEY", saved);
  }
});

Deno.test({
  name: "without the env permission, explicit options need no Deno.env at all",
  permissions: { env: false },
  fn() {
    createClient({ apiKey: "key", baseUrl: "http://127.0.0.1:9" });
    callbackHandler({ secret: "key" });
  },
});
