// The core's tagged errors as the AI SDK's error types, each keeping the tagged error as `cause`
// (so `error.cause._tag` tells them apart). Messages come from the core, which redacts the key.
import { AISDKError, APICallError, InvalidArgumentError } from "@ai-sdk/provider";

/** The request a failure belongs to, for APICallError's url and requestBodyValues. */
export interface RequestContext {
  readonly url: string;
  readonly requestBodyValues: unknown;
  /** Reads are safe to resend; a create is never resent by the AI SDK (the core already retried what is safe). */
  readonly kind: "create" | "read";
  /** The started task, when there is one: a timed-out wait says how to finish it later. */
  readonly operation?: { readonly taskId: string; readonly model: string };
}

type Tagged = { readonly _tag: string; readonly message: string } & Record<string, unknown>;

const isTagged = (error: unknown): error is Tagged =>
  error instanceof Error && typeof (error as { _tag?: unknown })._tag === "string";

// The call option that a gateway parameter comes from, for InvalidArgumentError.argument.
const ARGUMENT: Readonly<Record<string, string>> = { prompt: "prompt", duration: "duration", resolution: "resolution" };
const argumentOf = (field: string | undefined): string => {
  if (field === undefined || field === "") return "providerOptions.vidu";
  if (field.startsWith("images")) return "frameImages";
  if (field.startsWith("providerOptions.")) return field;
  return ARGUMENT[field] ?? `providerOptions.vidu.${field}`;
};

/** The AI SDK error for a failure of the core; an abort reason or an AI SDK error passes through unchanged. */
export function toProviderError(error: unknown, context: RequestContext): unknown {
  if (!isTagged(error)) return error;
  const { url, requestBodyValues } = context;
  const api = (statusCode: number | undefined, isRetryable: boolean, message = error.message) =>
    new APICallError({
      message,
      url,
      requestBodyValues,
      ...(statusCode === undefined ? {} : { statusCode }),
      isRetryable,
      cause: error,
    });
  const status = typeof error["status"] === "number" ? error["status"] : undefined;
  // Which failures are worth another try is the core's answer (its error base); the AI SDK may
  // only act on it for reads, since a create is never sent again from here.
  const transientRead = context.kind === "read" && error["retryable"] === true;
  switch (error._tag) {
    case "ValidationError": {
      const violations = error["violations"] as readonly { field: string }[];
      if (error["source"] === "gateway") return api(400, false);
      return new InvalidArgumentError({
        argument: argumentOf(violations[0]?.field),
        message: error.message,
        cause: error,
      });
    }
    case "Unauthorized":
      return api(401, false);
    case "InsufficientBalance":
    case "PermissionDenied":
      return api(403, false);
    case "TaskNotFound":
      return api(404, false);
    case "RateLimited":
      return api(429, transientRead);
    case "ServerError":
    case "TransportError":
    case "UnexpectedResponse":
      return api(status, transientRead);
    case "AmbiguousSubmit":
      return api(status, false);
    case "TaskFailed":
      return new AISDKError({ name: "AI_ViduTaskFailedError", message: error.message, cause: error });
    case "WaitTimeout": {
      const resume =
        context.operation === undefined
          ? ""
          : ` Finish it later with experimental_getVideoStatus(model, { operation: ${JSON.stringify(context.operation)} }).`;
      return new AISDKError({ name: "AI_ViduWaitTimeoutError", message: `${error.message}${resume}`, cause: error });
    }
    case "CallbackRejected":
      return new AISDKError({
        name: "AI_ViduWebhookRejectedError",
        message: `the webhook delivery was not trusted: ${error.message}`,
        cause: error,
      });
    default:
      return new AISDKError({ name: `AI_Vidu${error._tag}Error`, message: error.message, cause: error });
  }
}
