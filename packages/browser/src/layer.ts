// The Effect API for pages: the ViduExtend service pointed at your proxy, with the page's own
// fetch and Web Crypto. Same rules as createClient: a proxy baseUrl, and no key without consent.
import { Fetch, layer as coreLayer, Subtle, type ViduExtend } from "@vidu-extend/core";
import * as Layer from "effect/Layer";
import { checkedOptions, type BrowserClientOptions } from "./client.js";

export function layer(options: BrowserClientOptions): Layer.Layer<ViduExtend> {
  return Layer.mergeAll(
    coreLayer(checkedOptions(options)),
    Layer.succeed(Fetch, (request: Request) => fetch(request)),
    Layer.succeed(Subtle, crypto.subtle),
  );
}
