// A fetch that answers from a script, records what it was asked, and can hang until aborted:
// injected into the client, so no global is touched and no server is needed.
import * as Effect from "effect/Effect";
import type * as Exit from "effect/Exit";

export type Reply = Response | Error | "hang" | ((request: Request) => Response | Error | Promise<Response>);

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal;
}

export function scriptedFetch(replies: readonly Reply[]) {
  const queue = [...replies];
  const calls: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? undefined : await request.clone().text();
    calls.push({ method: request.method, url: request.url, headers: request.headers, body, signal: request.signal });
    const reply = queue.shift();
    if (reply === undefined) throw new Error(`scripted fetch: no reply left for ${request.method} ${request.url}`);
    if (reply === "hang") {
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }),
      );
    }
    const answer = typeof reply === "function" ? await reply(request) : reply;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls, remaining: () => queue.length };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

export const task = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "t1",
  model: "viduq2_turbo_extend",
  status,
  ...extra,
});
export const completed = task("completed", {
  output: [{ type: "video", url: "https://cdn.example.com/v.mp4", jobId: "j1" }],
});

/** A failure as Node's fetch (undici) reports it, e.g. code ECONNREFUSED on the cause. */
export const undiciError = (code: string, message = `connect ${code} 127.0.0.1:9`): Error =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });

/** Lets the fake fetch's promises settle between clock steps (an event-loop turn, not a sleep). */
export const flush = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(
  Effect.repeat({ times: 3 }),
);

export const KEY = "sk-test-9f8e7d6c5b4a";

/** The typed failure of an exit (its first Fail reason), or the exit itself when it did not fail so. */
export const failureOf = (exit: Exit.Exit<unknown, unknown>): unknown => {
  if (exit._tag === "Success") return exit;
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail");
  return failure === undefined ? exit : failure.error;
};
