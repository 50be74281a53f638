// The extend command's flags → the flat parameters of one job. Values are passed as typed as
// the flags allow and otherwise as given, so that the spec-driven validator names the field,
// the rule and the seed code of anything wrong.
import { imageFromFile, type ExtendParameters, type ModelId } from "@vidu-extend/node";
import { UsageError } from "./failure.js";

const MODELS: Readonly<Record<string, ModelId>> = {
  pro: "viduq2_pro_extend",
  turbo: "viduq2_turbo_extend",
  viduq2_pro_extend: "viduq2_pro_extend",
  viduq2_turbo_extend: "viduq2_turbo_extend",
};

export interface ExtendFlags {
  readonly model?: string;
  readonly "video-url"?: string;
  readonly "video-creation-id"?: string;
  readonly image?: readonly string[];
  readonly prompt?: string;
  readonly duration?: string;
  readonly resolution?: string;
  readonly watermark?: boolean;
  readonly "wm-url"?: string;
  readonly "wm-position"?: string;
  readonly "meta-data"?: string;
  readonly payload?: string;
  readonly "callback-url"?: string;
}

/** `5` → 5; anything else is left as text for the validator to refuse with its rule and code. */
const numeric = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

export async function extendParameters(flags: ExtendFlags): Promise<ExtendParameters> {
  if (flags.model === undefined) throw new UsageError("extend needs --model (pro, turbo, or a full model id)");
  const model = MODELS[flags.model];
  if (model === undefined)
    throw new UsageError(
      `--model ${JSON.stringify(flags.model)} is not a model: use pro, turbo, viduq2_pro_extend or viduq2_turbo_extend`,
    );
  const images =
    flags.image === undefined
      ? undefined
      : await Promise.all(
          flags.image.map((image) => (/^(https?:|data:)/.test(image) ? image : imageFromFile(image, { model }))),
        );
  const entries: [string, unknown][] = [
    ["video_url", flags["video-url"]],
    ["video_creation_id", flags["video-creation-id"]],
    ["images", images],
    ["prompt", flags.prompt],
    ["duration", flags.duration === undefined ? undefined : numeric(flags.duration)],
    ["resolution", flags.resolution],
    ["watermark", flags.watermark],
    ["wm_url", flags["wm-url"]],
    ["wm_position", flags["wm-position"]],
    ["meta_data", flags["meta-data"]],
    ["payload", flags.payload],
    ["callback_url", flags["callback-url"]],
  ];
  return { model, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) } as ExtendParameters;
}
