// The operation `doStart` returns: plain JSON, so that it can be stored and finished by
// `experimental_getVideoStatus` in another process (or another client instance).
import { InvalidArgumentError, type JSONObject, type JSONValue } from "@ai-sdk/provider";
import type { ModelId } from "@vidu-extend/core";
import { resolveModelId } from "./model-id.js";

export interface ViduOperation {
  /** The task id the create answer gave. */
  readonly taskId: string;
  readonly model: ModelId;
}

/** Checks an operation read back from storage; InvalidArgumentError names what is wrong. */
export function parseOperation(operation: JSONValue): ViduOperation {
  if (typeof operation === "object" && operation !== null && !Array.isArray(operation)) {
    // Array.isArray does not narrow a readonly array out of the union.
    const { taskId, model } = operation as JSONObject;
    if (typeof taskId === "string" && taskId.trim() !== "" && typeof model === "string") {
      return { taskId, model: resolveModelId(model) };
    }
  }
  throw new InvalidArgumentError({
    argument: "operation",
    message: `operation must be what doStart returned, {"taskId": "<task id>", "model": "<model id>"}; got ${JSON.stringify(operation)}`,
  });
}
