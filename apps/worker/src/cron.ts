// The Cron Trigger's fallback: tasks whose callback is overdue (no news within
// CALLBACK_GRACE_SECONDS) are read from the gateway and applied, so a lost callback cannot leave a
// task, its slot or its batch unfinished. A task whose reads keep failing is read less and less
// often, and dropped after MAX_POLL_FAILURES in a row (the task records why).
import { taskStub, type Env } from "./env.js";
import { appliedTask } from "./task-store.js";

/** At most this many reads per run: the next run takes the rest. */
const MAX_POLLS_PER_RUN = 200;

export async function pollOverdue(
  env: Env,
  now = Date.now(),
): Promise<{ polled: number; finished: number; failed: number; abandoned: number }> {
  const due: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.OPEN_TASKS.list<{ dueAt: number }>(cursor === undefined ? {} : { cursor });
    for (const key of page.keys)
      if ((key.metadata?.dueAt ?? 0) <= now && due.length < MAX_POLLS_PER_RUN) due.push(key.name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor !== undefined && due.length < MAX_POLLS_PER_RUN);
  let finished = 0;
  let failed = 0;
  let abandoned = 0;
  // A few at a time: reads share the gateway's rate limit with everything else.
  for (let i = 0; i < due.length; i += 10) {
    await Promise.all(
      due.slice(i, i + 10).map(async (id) => {
        const stub = taskStub(env, id);
        try {
          const task = appliedTask(await stub.refresh(id, "cron"));
          if (task.phase === "completed" || task.phase === "failed") finished++;
        } catch (error) {
          failed++;
          const reason = error instanceof Error ? error.message : String(error);
          console.error("cron poll failed", id, reason);
          if ((await stub.pollFailed(reason)).gaveUp) abandoned++;
        }
      }),
    );
  }
  return { polled: due.length, finished, failed, abandoned };
}
