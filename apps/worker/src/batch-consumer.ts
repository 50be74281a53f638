// The queue consumer: a queued job is submitted once it holds an in-flight slot (the Limiter). A
// job waiting for a slot is re-sent with a delay (waiting is not a failure and does not use up the
// message's retries); a 429 is retried with the delay the gateway asked for; an ambiguous create
// is recorded as such and never sent again.
import { createClient, type ExtendParameters } from "@vidu-extend/cloudflare";
import { batchStub, limiterStub, limits, taskStub, type Env, type JobMessage } from "./env.js";
import { classifyError } from "./refusal.js";
import { appliedTask, asJson } from "./task-store.js";

/** One queued job: take a slot, claim the job, submit it once, record what happened. */
async function consume(env: Env, message: Message<JobMessage>): Promise<void> {
  const { batchId, index } = message.body;
  const batch = batchStub(env, batchId);
  const job = await batch.job(index);
  if (job === null) return message.ack();
  if (job.state === "submitting") {
    // Delivered again while a create was under way (the consumer died, or its ack was lost):
    // the task may exist. Record it, never resend.
    await batch.record(index, {
      state: "ambiguous",
      error: {
        code: "consumer_interrupted",
        message: "the worker stopped while the create request was under way; the task may exist",
      },
    });
    return message.ack();
  }
  if (job.state !== "queued") return message.ack();

  const { maxInFlight, slotLeaseMs, slotWaitSeconds } = limits(env);
  const limiter = limiterStub(env);
  const slot = `batch:${batchId}:${index}`;
  if (!(await limiter.acquire(slot, maxInFlight, slotLeaseMs))) {
    // No slot: wait without spending a retry.
    await env.JOBS.send(message.body, { delaySeconds: slotWaitSeconds });
    return message.ack();
  }
  const claimed = await batch.claim(index);
  if (claimed === null) {
    await limiter.release(slot);
    return message.ack();
  }
  const params = { ...claimed.params, callback_url: claimed.callbackUrl } as ExtendParameters;
  try {
    const task = await createClient(env, { retry: { attempts: 1 } }).submit(params);
    await batch.record(index, { state: "submitted", taskId: task.id, status: task.status });
    appliedTask(
      await taskStub(env, task.id).apply(asJson(task.raw), "submit", {
        owner: claimed.owner,
        slot,
        batch: { id: batchId, index },
      }),
    );
    return message.ack();
  } catch (error) {
    const tag = (error as { _tag?: string })._tag;
    const { code, message: text, retryAfterMs } = classifyError(error);
    if (tag === "AmbiguousSubmit") {
      // The slot stays taken until its lease ends: the task may be running.
      await batch.record(index, { state: "ambiguous", error: { code, message: text } });
      return message.ack();
    }
    await limiter.release(slot);
    if (tag === "RateLimited" || tag === "TransportError") {
      // Nothing was created: put the job back and let the queue deliver it again later.
      const delaySeconds = Math.max(1, Math.ceil((retryAfterMs ?? 5_000) / 1000));
      await batch.record(index, { state: "queued", error: { code, message: text }, retryDelaySeconds: delaySeconds });
      return message.retry({ delaySeconds });
    }
    await batch.record(index, { state: "rejected", error: { code, message: text } });
    return message.ack();
  }
}

export async function handleQueue(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await consume(env, message);
      } catch (error) {
        console.error("batch job failed", message.body, error);
        message.retry({ delaySeconds: 5 });
      }
    }),
  );
}
