// The extend command's flags → the flat parameters of one job. Values are passed as typed as
// the flags allow and otherwise as given, so that the spec-driven validator names the field,
// the rule and the seed code of anything wrong. A local --image that cannot be used becomes a
// violation like the others, so that every problem is reported at once.
import { contractData, type ContractData, type ParamSchema, type Violation } from "@vidu-extend/contract";
import { imageFromFile, ImageFileError, ValidationError, type ExtendParameters, type ModelId } from "@vidu-extend/node";
import { UsageError } from "./failure.js";

/** Each model id, and its short name (`viduq2_pro_extend` → `pro`). */
export function modelNames(data: ContractData = contractData): ReadonlyMap<string, string> {
  const short = data.models.map((model) => [model.replace(/^viduq\d+_/, "").replace(/_extend$/, ""), model] as const);
  return new Map([...short, ...data.models.map((model) => [model, model] as const)]);
}

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

/** The parameters, and what already went wrong reading local files (reported with the validator's findings). */
export interface ExtendInput {
  readonly params: ExtendParameters;
  readonly violations: readonly Violation[];
}

/** `a, b or c`. */
export const orList = (words: readonly string[]) =>
  words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;

/** `5` → 5; anything else is left as text for the validator to refuse with its rule and code. */
const numeric = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

/** The seed code the spec gives `model` for a local image that is too large or not an image. */
function imageCode(error: ImageFileError, model: ModelId): string | undefined {
  const items = (contractData.params.properties?.["images"] as ParamSchema | undefined)?.items;
  if (error.reason === "too-large") return items?.["x-data-uri"]?.["x-error-codes"]?.[model];
  if (error.reason === "unsupported-type") return items?.["x-error-codes"]?.[model];
  return undefined;
}

async function localImage(
  path: string,
  model: ModelId,
): Promise<{ uri: string } | { violations: readonly Violation[] }> {
  try {
    return { uri: await imageFromFile(path, { model }) };
  } catch (error) {
    if (error instanceof ValidationError) return { violations: error.violations };
    if (!(error instanceof ImageFileError)) throw error;
    const code = imageCode(error, model);
    return {
      violations: [
        {
          field: error.field,
          rule: error.reason,
          // The printed line already starts with the field.
          message: error.message.replace(`${error.field}: `, ""),
          ...(code === undefined ? {} : { code }),
        },
      ],
    };
  }
}

export async function extendParameters(flags: ExtendFlags): Promise<ExtendInput> {
  const names = modelNames();
  const short = [...names.keys()].filter((name) => names.get(name) !== name);
  if (flags.model === undefined) throw new UsageError(`extend needs --model (${short.join(", ")}, or a full model id)`);
  const model = names.get(flags.model) as ModelId | undefined;
  if (model === undefined)
    throw new UsageError(`--model ${JSON.stringify(flags.model)} is not a model: use ${orList([...names.keys()])}`);
  const violations: Violation[] = [];
  let images: string[] | undefined;
  if (flags.image !== undefined) {
    const read = await Promise.all(
      flags.image.map((image) => (/^(https?:|data:)/.test(image) ? { uri: image } : localImage(image, model))),
    );
    for (const one of read) if ("violations" in one) violations.push(...one.violations);
    // An image that could not be read is left out, so that the other parameters are still checked.
    if (violations.length === 0) images = read.map((one) => ("uri" in one ? one.uri : ""));
  }
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
  const params = {
    model,
    ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)),
  } as ExtendParameters;
  return { params, violations };
}
