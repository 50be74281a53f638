// The ViduExtend service for Effect programs on Deno, with the primitives Deno provides: its
// fetch and its Web Crypto. Deno.env is read when the layer is built, not when it is declared.
import {
  Fetch,
  layer as coreLayer,
  MissingApiKey,
  Subtle,
  type ClientOptions,
  type ViduExtend,
} from "@vidu-extend/core";
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
  Layer.mergeAll(
    Layer.unwrap(Effect.map(configured(options), coreLayer)),
    Layer.succeed(Fetch, (request: Request) => fetch(request)),
    Layer.succeed(Subtle, crypto.subtle),
  );
