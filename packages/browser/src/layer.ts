// The Effect API for pages: the ViduExtend service pointed at your proxy. The page's fetch and
// Web Crypto are the core's defaults (the global `fetch` and `crypto.subtle`), so nothing else is
// provided. Same rules as createClient: a proxy baseUrl, and no key without consent.
import { layer as coreLayer, type ViduExtend } from "@vidu-extend/core";
import type * as Layer from "effect/Layer";
import { checkedOptions, type BrowserClientOptions } from "./client.js";

export function layer(options: BrowserClientOptions): Layer.Layer<ViduExtend> {
  return coreLayer(checkedOptions(options));
}
