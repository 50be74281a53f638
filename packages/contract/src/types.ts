// The public names of the generated types, and the flat parameter type users write.
import type { components, paths, webhooks } from "./generated/openapi.js";

export type { components, paths, webhooks };
type Schemas = components["schemas"];

/** The create envelope as it goes on the wire. */
export type ExtendRequest = Schemas["ExtendRequest"];
/** `viduq2_pro_extend` | `viduq2_turbo_extend`. */
export type ModelId = ExtendRequest["model"];

type VideoSource =
  | { video_url: Schemas["VideoUrl"]; video_creation_id?: never }
  | { video_creation_id: Schemas["VideoCreationId"]; video_url?: never };

/**
 * One extension job, flat, as the model pages list its parameters: `model`, exactly one video
 * source, and the optional rest. `toCreateRequest` wraps it into the gateway's envelope.
 */
export type ExtendParameters = { model: ModelId } & Omit<Schemas["ExtendParams"], "video_url" | "video_creation_id"> &
  VideoSource;

/** A task exactly as the gateway sends it (create answer, read answer, callback body). */
export type GatewayTask = Schemas["Task"];
/** An HTTP error body in any of the shapes seen. */
export type GatewayErrorBody = Schemas["GatewayError"];
export type ProErrorCode = Schemas["ProErrorCode"];
export type TurboErrorCode = Schemas["TurboErrorCode"];
