// POST /callbacks/vidu: the gateway's deliveries. The signature covers the method, path, query,
// Date and nonce, but not the body, so a delivery is only a wake-up: the task it names must be one
// this worker created, and its state is read back from the gateway (confirm) before anything is
// applied. An unknown id is refused without a read.
import { CallbackRejected, callbackHandler, createClient } from "@vidu-extend/cloudflare";
import { taskStub, type Env } from "./env.js";
import { asJson } from "./task-store.js";

export async function receiveCallback(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const receive = callbackHandler(env, {
    nonces: env.CALLBACK_NONCES,
    confirm: async (taskId) => {
      if ((await taskStub(env, taskId).snapshot()) === null)
        throw new CallbackRejected({
          reason: "body-mismatch",
          message: `the body names task ${JSON.stringify(taskId.slice(0, 80))}, which this worker never created`,
        });
      return createClient(env, { retry: { attempts: 2 } }).get(taskId);
    },
    // Before the answer: if storing fails, the 500 makes the gateway resend.
    onEvent: async (event) => {
      await taskStub(env, event.task.id).apply(asJson(event.task.raw), "callback");
    },
  });
  return receive(request, env, ctx);
}
