// createVidu and the default `vidu`: the provider object of the AI SDK's video models.
import { LoadAPIKeyError } from "@ai-sdk/provider";
import { DEFAULT_BASE_URL } from "@vidu-extend/contract";
import { type ClientOptions, createClient, ENV, type ViduClient, withEnv } from "@vidu-extend/core";
import { resolveModelId, type ViduVideoModelId } from "./model-id.js";
import { ViduVideoModel } from "./video-model.js";
import type { ViduWebhookOptions } from "./webhook.js";

export interface ViduProviderSettings extends Omit<ClientOptions, "apiKey" | "baseUrl"> {
  /** Default: the VTRIX_API_KEY environment variable, read at the first request. Also the webhook signing secret. */
  readonly apiKey?: string;
  /** Default: VTRIX_BASE_URL, else https://cloud.vtrix.ai. */
  readonly baseUrl?: string;
  /** How webhook deliveries are verified (Date window, nonce store, …); the secret is apiKey. */
  readonly webhook?: ViduWebhookOptions;
}

export interface ViduProvider {
  /** A VideoModelV4 for `viduq2_pro_extend` / `viduq2_turbo_extend` (or `pro` / `turbo`). */
  video(modelId: ViduVideoModelId): ViduVideoModel;
  /** The same as `video`. */
  videoModel(modelId: ViduVideoModelId): ViduVideoModel;
}

// process.env where there is one (Node, Bun, Deno's Node compatibility); elsewhere pass the options.
const readEnv = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

export function createVidu(settings: ViduProviderSettings = {}): ViduProvider {
  const { webhook, ...clientSettings } = settings;
  let resolved: { options: ClientOptions; apiKey: string; client: ViduClient } | undefined;
  // Lazily, so that importing `vidu` without the variables set costs nothing and fails nothing.
  const resolve = () => {
    if (resolved !== undefined) return resolved;
    const options = withEnv(readEnv, clientSettings);
    if (options.apiKey === undefined) {
      throw new LoadAPIKeyError({
        message: `Vidu API key is missing. Pass it using the 'apiKey' option of createVidu or the ${ENV.apiKey} environment variable.`,
      });
    }
    resolved = { options, apiKey: options.apiKey, client: createClient(options) };
    return resolved;
  };
  const video = (modelId: ViduVideoModelId) =>
    new ViduVideoModel(resolveModelId(modelId), {
      provider: "vidu.video",
      baseUrl: () => (resolve().options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
      client: () => resolve().client,
      apiKey: () => resolve().apiKey,
      webhook,
    });
  return { video, videoModel: video };
}

/** Reads VTRIX_API_KEY and VTRIX_BASE_URL at the first request. */
export const vidu: ViduProvider = createVidu();
