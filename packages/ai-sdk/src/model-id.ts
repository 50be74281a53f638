// The model ids `vidu.video()` accepts: the gateway's own, and a short name for each.
import { NoSuchModelError } from "@ai-sdk/provider";
import type { ModelId } from "@vidu-extend/core";

const MODEL_IDS = new Map<string, ModelId>([
  ["viduq2_pro_extend", "viduq2_pro_extend"],
  ["viduq2_turbo_extend", "viduq2_turbo_extend"],
  ["pro", "viduq2_pro_extend"],
  ["turbo", "viduq2_turbo_extend"],
]);

/** `viduq2_pro_extend` | `viduq2_turbo_extend`, or their short forms `pro` | `turbo`. */
export type ViduVideoModelId = "viduq2_pro_extend" | "viduq2_turbo_extend" | "pro" | "turbo";

/** The gateway's model id for an accepted id; NoSuchModelError for anything else. */
export function resolveModelId(modelId: string): ModelId {
  const model = MODEL_IDS.get(modelId);
  if (model !== undefined) return model;
  throw new NoSuchModelError({
    modelId,
    modelType: "videoModel",
    message: `No such Vidu video model: ${JSON.stringify(modelId)}. Use one of ${[...MODEL_IDS.keys()].join(", ")}.`,
  });
}
