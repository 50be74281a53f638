// POST /callbacks/vidu: the gateway's deliveries. The signature covers the method, path, query,
// Date and nonce, but not the body, so a delivery is only a wake-up: the task it names must be one
// this worker created, and its state is read back from the gateway (confirm) before anything is
// applied. An unknown id is refused (503) without a read.
import { callbackHandler, createClient } from "@vidu-extend/cloudflare";
import { taskStub, type Env } from "./env.js";
import { appliedTask, asJson } from "./task-store.js";

class UnknownTask extends Error {
  constructor(taskId: string) {
    super(`task ${JSON.stringify(taskId.slice(0, 80))} was not created through this worker`);
  }
}

export async function receiveCallback(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const receive = callbackHandler(env, {
    nonces: env.CALLBACK_NONCES,
    confirm: async (taskId) => {
      // Not created here (or not yet: a callback can overtake the create's answer being stored).
      // A 503, with the nonce released: the gateway's own resend is accepted once the task is
      // known, and anything else is never applied.
      if ((await taskStub(env, taskId).snapshot()) === null) throw new UnknownTask(taskId);
      return createClient(env, { retry: { attempts: 2 } }).get(taskId);
    },
    // Before the answer: if storing fails, the 500 makes the gateway resend.
    onEvent: async (event) => {
      appliedTask(await taskStub(env, event.task.id).apply(asJson(event.task.raw), "callback"));
    },
  });
  return receive(request, env, ctx);
}
