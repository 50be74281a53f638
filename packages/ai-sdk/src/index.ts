// @vidu-extend/ai-sdk: the Vidu Q2 extension models as video models of the Vercel AI SDK.
export type { ViduVideoModelId } from "./model-id.js";
export type { ViduOperation } from "./operation.js";
export { createVidu, vidu, type ViduProvider, type ViduProviderSettings } from "./provider.js";
export type { ViduVideoProviderOptions } from "./provider-options.js";
export type { ViduVideoModel } from "./video-model.js";
export type { ViduWebhookOptions } from "./webhook.js";
