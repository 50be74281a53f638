// Webhooks: the user's factory gives a URL and a `received` delivery ({headers, body}). The
// delivery is trusted only after the core's verifier accepts it (signature, Date window, nonce)
// and a confirming read of the task it names; the body itself is not signed.
import type { Experimental_VideoModelV4OperationWebhook as VideoModelV4OperationWebhook } from "@ai-sdk/provider";
import {
  CallbackRejected,
  isTerminal,
  type Task,
  type VerifyCallbackOptions,
  type ViduClient,
  verifyCallback,
} from "@vidu-extend/core";

/** Verifier settings for webhook deliveries; the secret is the provider's API key. */
export type ViduWebhookOptions = Pick<
  VerifyCallbackOptions,
  "maxSkewMs" | "nonceStore" | "accessKeys" | "maxBodyBytes"
>;

/**
 * Links each webhook URL to the task `doStart` creates with it: the AI SDK asks for the URL before
 * the task exists, and a delivery is only accepted for that task.
 */
export interface StartedTask {
  readonly taskId: string;
  /** The abort signal of the call that started it. */
  readonly signal: AbortSignal | undefined;
}

export class WebhookTasks {
  readonly #waiting = new Map<string, ((task: StartedTask) => void)[]>();

  /** Resolves with the next task started with this URL. */
  expect(url: string): Promise<StartedTask> {
    return new Promise((resolve) => {
      this.#waiting.set(url, [...(this.#waiting.get(url) ?? []), resolve]);
    });
  }

  /** Hands the task to the oldest delivery waiting on this URL; undefined when the start failed (the delivery is then never awaited). */
  started(url: string, task: StartedTask | undefined): void {
    const [next, ...rest] = this.#waiting.get(url) ?? [];
    if (rest.length === 0) this.#waiting.delete(url);
    else this.#waiting.set(url, rest);
    if (task !== undefined) next?.(task);
  }
}

export interface ConfirmInput {
  readonly delivery: VideoModelV4OperationWebhook;
  /** The URL given as callback_url: the one the gateway signed. */
  readonly url: string;
  /** The task this call started (from WebhookTasks). */
  readonly started: StartedTask;
  readonly client: ViduClient;
  readonly secret: string;
  readonly options: ViduWebhookOptions | undefined;
}

/**
 * Verifies a delivery and re-reads its task. A task that is not finished yet (the gateway posts
 * every status change) is waited for with the core's engine, so the AI SDK's single status read
 * afterwards finds it finished. Rejects with CallbackRejected when the delivery is not trusted.
 */
export async function confirmDelivery(input: ConfirmInput): Promise<Task> {
  const { delivery, url, client } = input;
  const { taskId, signal } = input.started;
  // The starting call's signal also stops the confirming read and any wait after it.
  const call = signal === undefined ? {} : { signal };
  // The body is not signed, so its serialisation does not matter to the signature.
  const body = typeof delivery.body === "string" ? delivery.body : JSON.stringify(delivery.body);
  const event = await verifyCallback(
    { method: "POST", url, headers: delivery.headers, body },
    {
      ...input.options,
      secret: input.secret,
      publicUrl: url,
      confirm: async (claimedId) => {
        if (claimedId !== taskId) {
          throw new CallbackRejected({
            reason: "body-mismatch",
            message: `the delivery is about task ${JSON.stringify(claimedId)}, but this call started task ${JSON.stringify(taskId)}`,
          });
        }
        return client.get(taskId, call);
      },
    },
  );
  return isTerminal(event.task) ? event.task : client.wait(event.task.id, call);
}
