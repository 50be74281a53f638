// `providerOptions.vidu`: the gateway parameters the AI SDK's call options have no name for.
import type { SharedV4ProviderOptions } from "@ai-sdk/provider";
import type { Violation } from "@vidu-extend/contract";

/** `providerOptions.vidu` of a call. Values are checked by the spec's rules (with seed codes) before anything is sent. */
export interface ViduVideoProviderOptions {
  /** The video to extend (http/https). Exactly one of video_url and video_creation_id is required. */
  readonly video_url?: string;
  /** A Vidu creation id to extend instead of a URL. */
  readonly video_creation_id?: string;
  readonly watermark?: boolean;
  /** Watermark image URL; only used with `watermark: true`. */
  readonly wm_url?: string;
  readonly wm_position?: "top_left" | "top_right" | "bottom_right" | "bottom_left";
  /** A JSON-format string of content metadata. */
  readonly meta_data?: string;
  /** Passed through to the task as is (at most 1,048,576 characters). */
  readonly payload?: string;
  /** Where the gateway posts status changes. Set for you when the call passes `webhook`. */
  readonly callback_url?: string;
}

const KEYS: ReadonlySet<string> = new Set<keyof ViduVideoProviderOptions>([
  "video_url",
  "video_creation_id",
  "watermark",
  "wm_url",
  "wm_position",
  "meta_data",
  "payload",
  "callback_url",
]);

/** The options under `vidu`, or violations for a non-object or a key that is not one of them. */
export function readProviderOptions(providerOptions: SharedV4ProviderOptions): {
  options: Record<string, unknown>;
  violations: Violation[];
} {
  const given: unknown = providerOptions["vidu"];
  if (given === undefined) return { options: {}, violations: [] };
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    return {
      options: {},
      violations: [{ field: "providerOptions.vidu", rule: "type", message: "providerOptions.vidu must be an object" }],
    };
  }
  const options: Record<string, unknown> = {};
  const violations: Violation[] = [];
  for (const [key, value] of Object.entries(given)) {
    if (!KEYS.has(key)) {
      violations.push({
        field: `providerOptions.vidu.${key}`,
        rule: "additionalProperties",
        message: `providerOptions.vidu.${key} is not a Vidu extend option; accepted: ${[...KEYS].join(", ")} (prompt, duration, resolution and images come from the call's own options)`,
      });
    } else if (value !== undefined) {
      options[key] = value;
    }
  }
  return { options, violations };
}
