// The AI SDK's call options to the gateway's flat parameters, with a warning for every setting
// the models do not have (never a silent drop) and every broken rule at once, before any request.
import type {
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4File as VideoModelV4File,
  SharedV4Warning,
} from "@ai-sdk/provider";
import { validateExtendParams, type Violation } from "@vidu-extend/contract";
import { type ExtendParameters, type ModelId, ValidationError } from "@vidu-extend/core";
import { toImageParameter } from "./images.js";
import { readProviderOptions } from "./provider-options.js";
import { toResolution } from "./resolution.js";

export interface MappedCall {
  readonly params: ExtendParameters;
  readonly warnings: SharedV4Warning[];
}

// Headers the AI SDK adds to every call itself. The gateway has no idempotency key (see README).
const SDK_HEADERS = new Set(["user-agent", "idempotency-key"]);

/** Maps and validates one call; throws the core's ValidationError (source "client") when anything is wrong. */
export function toExtendParameters(
  options: VideoModelV4CallOptions & { readonly webhookUrl?: string },
  model: ModelId,
): MappedCall {
  const warnings = unsupportedSettings(options);
  const { options: vidu, violations } = readProviderOptions(options.providerOptions);
  const params: Record<string, unknown> = { model, ...vidu };

  if (options.prompt !== undefined) params["prompt"] = options.prompt;
  if (options.duration !== undefined) params["duration"] = options.duration;
  if (options.resolution !== undefined) {
    const mapped = toResolution(options.resolution, model);
    if ("violation" in mapped) violations.push(mapped.violation);
    else params["resolution"] = mapped.resolution;
  }

  const images = imageInputs(options, warnings);
  if (images.length > 0) params["images"] = images.map(toImageParameter);

  if (options.webhookUrl !== undefined) {
    if (vidu["callback_url"] !== undefined && vidu["callback_url"] !== options.webhookUrl) {
      violations.push({
        field: "providerOptions.vidu.callback_url",
        rule: "webhook",
        message:
          "providerOptions.vidu.callback_url and the call's webhook URL differ; give one of them (the webhook sets callback_url itself)",
      });
    }
    params["callback_url"] = options.webhookUrl;
  }

  const checked = validateExtendParams(params);
  const all: Violation[] = [...violations, ...(checked.ok ? [] : checked.violations)];
  if (!checked.ok || all.length > 0) {
    throw new ValidationError({ source: "client", violations: all, warnings: checked.warnings });
  }
  for (const warning of checked.warnings)
    warnings.push({ type: "other", message: `${warning.field}: ${warning.message}` });
  return { params: checked.value, warnings };
}

// `last_frame` is the image the extension ends on; the prompt's image (`image`) means the same.
// A `first_frame` cannot be set: the extension starts from the source video's last frame. The AI
// SDK copies a first_frame into `image` as well, so that copy is not taken for a prompt image.
function imageInputs(options: VideoModelV4CallOptions, warnings: SharedV4Warning[]): VideoModelV4File[] {
  const frames = options.frameImages ?? [];
  const firstFrames = frames.filter((frame) => frame.frameType === "first_frame").map((frame) => frame.image);
  const lastFrames = frames.filter((frame) => frame.frameType === "last_frame").map((frame) => frame.image);
  if (firstFrames.length > 0) {
    warnings.push({
      type: "unsupported",
      feature: "frameImages.first_frame",
      details:
        "a Vidu extension starts from the source video's last frame; the first_frame image was not sent (use last_frame for the frame it ends on)",
    });
  }
  const promptImage = options.image !== undefined && !firstFrames.includes(options.image) ? options.image : undefined;
  return promptImage === undefined ? lastFrames : [...lastFrames, promptImage];
}

function unsupportedSettings(options: VideoModelV4CallOptions): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = [];
  const unsupported = (feature: string, details: string) => warnings.push({ type: "unsupported", feature, details });
  if (options.n > 1) unsupported("n", `one video per task; ${options.n} were requested and 1 will be generated`);
  if (options.aspectRatio !== undefined)
    unsupported("aspectRatio", "the extension keeps the source video's aspect ratio");
  if (options.fps !== undefined) unsupported("fps", "the models have no frame-rate setting");
  if (options.seed !== undefined) unsupported("seed", "the models have no seed setting");
  if (options.generateAudio !== undefined) unsupported("generateAudio", "the models have no audio setting");
  if (options.inputReferences !== undefined && options.inputReferences.length > 0)
    unsupported(
      "inputReferences",
      "the models take no reference inputs; use frameImages with last_frame for an end image",
    );
  const extra = Object.entries(options.headers ?? {})
    .filter(([name, value]) => value !== undefined && !SDK_HEADERS.has(name.toLowerCase()))
    .map(([name]) => name);
  if (extra.length > 0)
    unsupported("headers", `the gateway client sends only its own headers; not sent: ${extra.join(", ")}`);
  return warnings;
}
