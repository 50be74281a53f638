// The AI SDK's `resolution` ({width}x{height}) to the gateway's named resolutions.
import { contractData, type Violation } from "@vidu-extend/contract";
import type { ModelId } from "@vidu-extend/core";

type Resolution = (typeof contractData.params.properties.resolution.enum)[number];

// Landscape and portrait sizes of each named resolution; the extension keeps the source video's
// orientation, so both forms name the same setting.
const SIZES = new Map<string, Resolution>([
  ["960x540", "540p"],
  ["540x960", "540p"],
  ["1280x720", "720p"],
  ["720x1280", "720p"],
  ["1920x1080", "1080p"],
  ["1080x1920", "1080p"],
]);

/** The named resolution for a size, or a violation carrying the model's seed code for resolution. */
export function toResolution(size: string, model: ModelId): { resolution: Resolution } | { violation: Violation } {
  const resolution = SIZES.get(size);
  if (resolution !== undefined) return { resolution };
  return {
    violation: {
      field: "resolution",
      rule: "enum",
      message: `resolution must be one of ${[...SIZES.keys()].join(", ")} (540p, 720p or 1080p, landscape or portrait), got ${JSON.stringify(size)}`,
      code: contractData.params.properties.resolution["x-error-codes"][model],
    },
  };
}
