// VideoModelV4 for the Vidu extension models: doStart/doStatus for the AI SDK's start/status flow
// (and webhooks), doGenerate waiting with the core's engine.
import type {
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4OperationStartResult as VideoModelV4OperationStartResult,
  Experimental_VideoModelV4OperationStatusResult as VideoModelV4OperationStatusResult,
  Experimental_VideoModelV4OperationWebhook as VideoModelV4OperationWebhook,
  Experimental_VideoModelV4Result as VideoModelV4Result,
  Experimental_VideoModelV4VideoData as VideoModelV4VideoData,
  JSONObject,
  SharedV4ProviderMetadata,
} from "@ai-sdk/provider";
import type { ExtendParameters, ModelId, Task, ViduClient } from "@vidu-extend/core";
import { toExtendParameters } from "./call-options.js";
import { type RequestContext, toProviderError } from "./errors.js";
import { parseOperation, type ViduOperation } from "./operation.js";
import { confirmDelivery, type ViduWebhookOptions, WebhookTasks } from "./webhook.js";

/** What a model needs from its provider; the client is made on first use (the key is read then). */
export interface ViduVideoModelConfig {
  readonly provider: string;
  readonly baseUrl: () => string;
  readonly client: () => ViduClient;
  readonly apiKey: () => string;
  readonly webhook: ViduWebhookOptions | undefined;
}

const CREATE_PATH = "/model/v1/generation";
const readPath = (taskId: string) => `/model/v1/generation/task/${encodeURIComponent(taskId)}`;

export class ViduVideoModel implements VideoModelV4 {
  readonly specificationVersion = "v4";
  readonly maxVideosPerCall = 1;
  readonly #config: ViduVideoModelConfig;
  readonly #webhookTasks = new WebhookTasks();

  constructor(
    readonly modelId: ModelId,
    config: ViduVideoModelConfig,
  ) {
    this.#config = config;
  }

  get provider(): string {
    return this.#config.provider;
  }

  async handleWebhookOption(options: Parameters<NonNullable<VideoModelV4["handleWebhookOption"]>>[0]): Promise<{
    webhookUrl: string;
    received: PromiseLike<VideoModelV4OperationWebhook>;
  }> {
    const { url, received } = await options.webhook();
    const started = this.#webhookTasks.expect(url);
    const confirmed = Promise.resolve(received).then(async (delivery) => {
      const task = await started;
      try {
        await confirmDelivery({
          delivery,
          url,
          started: task,
          client: this.#client(),
          secret: this.#config.apiKey(),
          options: this.#config.webhook,
        });
      } catch (error) {
        throw toProviderError(error, this.#readContext({ taskId: task.taskId, model: this.modelId }));
      }
      return delivery;
    });
    // Marked as handled here: if the start fails, the AI SDK never awaits it.
    confirmed.catch(() => {});
    return { webhookUrl: url, received: confirmed };
  }

  async doStart(options: VideoModelV4CallOptions & { webhookUrl?: string }): Promise<VideoModelV4OperationStartResult> {
    const timestamp = new Date();
    let task: Task | undefined;
    try {
      const { params, warnings } = this.#map(options);
      task = await this.#submit(params, options.abortSignal);
      const operation: ViduOperation = { taskId: task.id, model: this.modelId };
      return {
        operation: { ...operation },
        warnings,
        providerMetadata: metadata(task),
        response: { timestamp, modelId: this.modelId, headers: undefined },
      };
    } finally {
      if (options.webhookUrl !== undefined) {
        this.#webhookTasks.started(
          options.webhookUrl,
          task === undefined ? undefined : { taskId: task.id, signal: options.abortSignal },
        );
      }
    }
  }

  async doStatus(
    options: Parameters<NonNullable<VideoModelV4["doStatus"]>>[0],
  ): Promise<VideoModelV4OperationStatusResult> {
    const timestamp = new Date();
    const operation = parseOperation(options.operation);
    const task = await this.#client()
      .get(operation.taskId, signalOption(options.abortSignal))
      .catch((error: unknown) => {
        throw toProviderError(error, this.#readContext(operation));
      });
    const response = { timestamp, modelId: operation.model, headers: undefined };
    const providerMetadata = metadata(task);
    if (task.phase === "completed")
      return { status: "completed", videos: videos(task), warnings: [], providerMetadata, response };
    if (task.phase === "failed") {
      const reason = task.error === undefined ? "" : `: ${task.error.message} [${task.error.code}]`;
      return { status: "error", error: `Vidu task ${task.id} failed${reason}`, providerMetadata, response };
    }
    return { status: "pending", providerMetadata, response };
  }

  async doGenerate(options: VideoModelV4CallOptions): Promise<VideoModelV4Result> {
    const timestamp = new Date();
    const { params, warnings } = this.#map(options);
    const task = await this.#submit(params, options.abortSignal);
    const operation: ViduOperation = { taskId: task.id, model: this.modelId };
    const done = await this.#client()
      .wait(task.id, signalOption(options.abortSignal))
      .catch((error: unknown) => {
        throw toProviderError(error, this.#readContext(operation));
      });
    return {
      videos: videos(done),
      warnings,
      providerMetadata: metadata(done),
      response: { timestamp, modelId: this.modelId, headers: undefined },
    };
  }

  #client(): ViduClient {
    return this.#config.client();
  }

  #map(options: VideoModelV4CallOptions & { webhookUrl?: string }) {
    try {
      return toExtendParameters(options, this.modelId);
    } catch (error) {
      throw toProviderError(error, {
        url: this.#config.baseUrl() + CREATE_PATH,
        requestBodyValues: {},
        kind: "create",
      });
    }
  }

  async #submit(params: ExtendParameters, signal: AbortSignal | undefined): Promise<Task> {
    return this.#client()
      .submit(params, signalOption(signal))
      .catch((error: unknown) => {
        throw toProviderError(error, {
          url: this.#config.baseUrl() + CREATE_PATH,
          requestBodyValues: loggable(params),
          kind: "create",
        });
      });
  }

  #readContext(operation: ViduOperation): RequestContext {
    return {
      url: this.#config.baseUrl() + readPath(operation.taskId),
      requestBodyValues: undefined,
      kind: "read",
      operation,
    };
  }
}

const signalOption = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });

// Vidu generates MP4; the AI SDK downloads each URL itself (with its size limit and private-address guard).
const videos = (task: Task): VideoModelV4VideoData[] =>
  task.videos.map((video) => ({ type: "url", url: video.url, mediaType: "video/mp4" }));

function metadata(task: Task): SharedV4ProviderMetadata {
  const vidu: JSONObject = { taskId: task.id, status: task.status };
  if (task.progress !== undefined) vidu["progress"] = task.progress;
  if (task.error !== undefined) vidu["error"] = { code: task.error.code, message: task.error.message };
  if (task.usage?.credits !== undefined) vidu["credits"] = task.usage.credits;
  return { vidu };
}

// Data URIs can be megabytes long: an error carries their start, not the whole image.
function loggable(params: ExtendParameters): Record<string, unknown> {
  const images = params.images?.map((image) => (image.startsWith("data:") ? `${image.slice(0, 40)}…` : image));
  return images === undefined ? { ...params } : { ...params, images };
}
