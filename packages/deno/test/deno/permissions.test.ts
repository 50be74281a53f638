import assert from "node:assert/strict";
import { callbackHandler, createClient, EnvAccessDenied, layer, ViduExtend } from "@vidu-extend/deno";
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

Deno.test({
  name: "without the env permission, explicit options need no Deno.env at all",
  permissions: { env: false },
  fn() {
    createClient({ apiKey: "key", baseUrl: "http://127.0.0.1:9" });
    callbackHandler({ secret: "key" });
  },
});
