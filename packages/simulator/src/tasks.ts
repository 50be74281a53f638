// The simulated tasks: created pending, admitted while the key has a free slot, running with
// rising progress, then completed or failed, on the simulator's clock.
import { contractData, errorCatalogue, type ExtendParameters, type ModelId } from "@vidu-extend/contract";
import type { SimClock } from "./clock.js";
import type { Random } from "./random.js";

export type SimStatus = "pending" | "in_progress" | "processing" | "completed" | "failed";

export interface SimTask {
  readonly id: string;
  readonly key: string;
  readonly model: ModelId;
  readonly params: ExtendParameters;
  readonly jobId: string;
  readonly createdAt: number;
  /** How `output` is shaped: pro always wraps videos in `content[]`; turbo as configured. */
  readonly outputShape: "flat" | "content";
  /** Decided at creation (from the seed): the failure code this task will end with. */
  readonly failure: string | undefined;
  status: SimStatus;
  progress: number;
  startedAt?: number;
  finishedAt?: number;
}

/** Every code a request rule answers with (`x-error-codes` anywhere in the contract). */
function requestCodes(node: unknown, into = new Set<string>()): Set<string> {
  if (typeof node !== "object" || node === null) return into;
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-error-codes") for (const code of Object.values(value as Record<string, string>)) into.add(code);
    else requestCodes(value, into);
  }
  return into;
}

/**
 * The seed pages' generation-failure codes, per model: the model's catalogue codes that no request
 * rule answers with (a refused create never becomes a task, so only these can end one).
 */
export function failureCodes(model: ModelId): readonly string[] {
  const refused = requestCodes(contractData);
  return Object.entries(errorCatalogue)
    .filter(([code, info]) => info.model === model && !refused.has(code))
    .map(([code]) => code);
}

const FAILURE_CODES: Readonly<Record<ModelId, readonly string[]>> = {
  viduq2_pro_extend: failureCodes("viduq2_pro_extend"),
  viduq2_turbo_extend: failureCodes("viduq2_turbo_extend"),
};

/** The two known names of "running": pro tasks use one, turbo tasks the other, so clients meet both. */
const RUNNING: Readonly<Record<ModelId, SimStatus>> = {
  viduq2_pro_extend: "in_progress",
  viduq2_turbo_extend: "processing",
};

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuv";

export interface TaskStoreOptions {
  readonly clock: SimClock;
  readonly random: Random;
  readonly runMs: Readonly<Record<ModelId, number>>;
  readonly maxInProgressPerKey: number;
  readonly failureRate: number;
  readonly resultTtlMs: number;
  readonly turboOutput: "flat" | "content";
  /** Called whenever a task enters a new status (not on progress alone). */
  readonly onStatus: (task: SimTask) => void;
}

export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();
  private readonly queue: SimTask[] = [];
  /** Kept alongside the tasks so that a tick touches only what is running or waiting. */
  private readonly running = new Set<SimTask>();
  private readonly runningByKey = new Map<string, number>();
  private maxSeen = 0;

  constructor(private readonly options: TaskStoreOptions) {}

  create(key: string, params: ExtendParameters): SimTask {
    const { random, clock, failureRate } = this.options;
    const id = `d${Array.from({ length: 19 }, () => random.pick([...ID_ALPHABET])).join("")}`;
    const task: SimTask = {
      id,
      key,
      model: params.model,
      params,
      jobId: String(Math.floor(random.next() * 1e18)).padStart(18, "9"),
      createdAt: clock.now(),
      outputShape: params.model === "viduq2_pro_extend" ? "content" : this.options.turboOutput,
      failure: random.chance(failureRate) ? random.pick(FAILURE_CODES[params.model]) : undefined,
      status: "pending",
      progress: 0,
    };
    this.tasks.set(id, task);
    this.queue.push(task);
    this.options.onStatus(task);
    return task;
  }

  /** The task, when it exists and belongs to this key (others see 404, as upstream). */
  get(id: string, key: string): SimTask | undefined {
    const task = this.tasks.get(id);
    return task?.key === key ? task : undefined;
  }

  /** The most tasks of one key that were in progress (admitted, not finished) at once. */
  get maxInProgressSeen(): number {
    return this.maxSeen;
  }

  all(): readonly SimTask[] {
    return [...this.tasks.values()];
  }

  /** The completed task whose video `id` names, "expired" once its URL has outlived resultTtlMs, or undefined. */
  result(id: string): SimTask | "expired" | undefined {
    const task = this.tasks.get(id);
    if (task?.status !== "completed" || task.finishedAt === undefined) return undefined;
    return this.options.clock.now() - task.finishedAt >= this.options.resultTtlMs ? "expired" : task;
  }

  /** Forgets every task, as if just started. */
  reset(): void {
    this.tasks.clear();
    this.queue.length = 0;
    this.running.clear();
    this.runningByKey.clear();
    this.maxSeen = 0;
  }

  /** Advances every running task to the clock's now, then admits waiting ones into free slots. */
  tick(): void {
    const now = this.options.clock.now();
    for (const task of [...this.running]) {
      const runMs = this.options.runMs[task.model];
      if (task.startedAt === undefined) continue;
      const elapsed = now - task.startedAt;
      if (elapsed >= runMs) this.finish(task, now);
      else task.progress = Math.floor((elapsed / runMs) * 100) / 100;
    }
    this.admit(now);
  }

  private inProgress(key: string): number {
    return this.runningByKey.get(key) ?? 0;
  }

  private admit(now: number): void {
    for (let i = 0; i < this.queue.length; ) {
      const task = this.queue[i] as SimTask;
      if (this.inProgress(task.key) >= this.options.maxInProgressPerKey) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running.add(task);
      this.runningByKey.set(task.key, this.inProgress(task.key) + 1);
      this.maxSeen = Math.max(this.maxSeen, this.inProgress(task.key));
      task.startedAt = now;
      task.status = RUNNING[task.model];
      this.options.onStatus(task);
    }
  }

  private finish(task: SimTask, now: number): void {
    this.running.delete(task);
    this.runningByKey.set(task.key, this.inProgress(task.key) - 1);
    task.finishedAt = now;
    task.progress = 1;
    task.status = task.failure === undefined ? "completed" : "failed";
    this.options.onStatus(task);
  }
}
