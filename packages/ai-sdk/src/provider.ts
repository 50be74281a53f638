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
  // Read lazily, so that importing `vidu` without the variables set costs nothing and fails nothing.
  let options: ClientOptions | undefined;
  let client: ViduClient | undefined;
  const resolved = () => {
    options ??= withEnv(readEnv, clientSettings);
    return options;
  };
  const apiKey = () => {
    const key = resolved().apiKey;
    if (key !== undefined) return key;
    throw new LoadAPIKeyError({
      message: `Vidu API key is missing. Pass it using the 'apiKey' option of createVidu or the ${ENV.apiKey} environment variable.`,
    });
  };
  const video = (modelId: ViduVideoModelId) =>
    new ViduVideoModel(resolveModelId(modelId), {
      provider: "vidu.video",
      baseUrl: () => (resolved().baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
      client: () => {
        apiKey();
        client ??= createClient(resolved());
        return client;
      },
      apiKey,
      webhook,
    });
  return { video, videoModel: video };
}

/** Reads VTRIX_API_KEY and VTRIX_BASE_URL at the first request. */
export const vidu: ViduProvider = createVidu();
