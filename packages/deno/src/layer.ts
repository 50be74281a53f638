// The ViduExtend service for Effect programs on Deno. Deno's fetch and Web Crypto are the core's
// defaults (the global `fetch` and `crypto.subtle`), so only the options come from here; Deno.env
// is read when the layer is built, not when it is declared (a missing key fails it then).
import { layer as coreLayer, MissingApiKey, type ClientOptions, type ViduExtend } from "@vidu-extend/core";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import { EnvAccessDenied } from "./env-access-denied.ts";
import { fromDenoEnv } from "./env.ts";

const configured = (options: ClientOptions) =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(fromDenoEnv(options));
    } catch (error) {
      return error instanceof EnvAccessDenied || error instanceof MissingApiKey
        ? Effect.fail(error)
        : Effect.die(error);
    }
  });

export const layer = (options: ClientOptions = {}): Layer.Layer<ViduExtend, EnvAccessDenied | MissingApiKey> =>
  Layer.unwrap(Effect.map(configured(options), coreLayer));
