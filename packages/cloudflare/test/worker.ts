// The README's example Worker: submits with a callback_url pointing back at itself, refuses
// replayed callbacks in every location (nonces in KV), and stores each finished task after answering.
import { env } from "cloudflare:workers";
import { callbackHandler, createClient, isTerminal } from "../src/index.js";

const receive = callbackHandler(env, {
  nonces: env.CALLBACK_NONCES,
  afterResponse: async ({ task }) => {
    if (isTerminal(task)) await env.TASKS.put(task.id, JSON.stringify(task.raw));
  },
});

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/vidu/callback") return receive(request, env, ctx);
    const video_url = url.searchParams.get("video") ?? "";
    const task = await createClient(env).submit({
      model: "viduq2_turbo_extend",
      video_url,
      callback_url: `${url.origin}/vidu/callback`,
    });
    return Response.json({ id: task.id });
  },
} satisfies ExportedHandler<Env>;
