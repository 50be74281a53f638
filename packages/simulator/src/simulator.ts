// Starts the simulated gateway on loopback and wires its parts: clock → tasks → callbacks.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallbackStats } from "./callbacks.js";
import { CallbackDispatcher } from "./callbacks.js";
import { realClock } from "./clock.js";
import { faultPlan } from "./faults.js";
import { DEFAULT_KEY, DEFAULT_RESULT_TTL_MS, TIMINGS, type SimulatorOptions } from "./options.js";
import { restartableStream } from "./random.js";
import { handler, type Counters, type CreateLogEntry } from "./server.js";
import { taskBody } from "./task-body.js";
import { TaskStore, type SimTask } from "./tasks.js";

export interface SimulatorStats extends Counters {
  readonly callbacks: Readonly<CallbackStats>;
  readonly tasks: Readonly<Record<SimTask["status"], number>>;
  /** The most tasks of one key in progress (admitted, running) at once: a client's concurrency, seen from here. */
  readonly maxInProgressSeen: number;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** The first accepted key. */
  readonly key: string;
  readonly stats: () => SimulatorStats;
  readonly tasks: () => readonly SimTask[];
  /** Every create request received, in order, with its outcome. */
  readonly creates: () => readonly Readonly<CreateLogEntry>[];
  /** Advances tasks to the clock's now at once (tests with a manual clock call it after advancing). */
  readonly tick: () => void;
  /**
   * Back to a fresh start between tests, without a new port: waits for callback deliveries under
   * way, then forgets every task, count, create log, balance and held delivery, and restarts the seeded draws.
   */
  readonly reset: () => Promise<void>;
  /** Resolves when every callback delivery started so far has finished. */
  readonly idle: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const timing = typeof options.timing === "object" ? options.timing : TIMINGS[options.timing ?? "fast"];
  const clock = options.clock ?? realClock;
  const keys = options.keys ?? [DEFAULT_KEY];
  if (keys.length === 0) throw new Error("at least one API key must be accepted");
  const balance = new Map<string, number>();
  let baseUrl = "";
  const random = {
    callbacks: restartableStream(seed, "callbacks"),
    tasks: restartableStream(seed, "tasks"),
    create: restartableStream(seed, "faults:create"),
    read: restartableStream(seed, "faults:read"),
  };

  const callbacks = new CallbackDispatcher({
    fetch: options.fetch ?? ((request) => fetch(request)),
    faults: options.callbacks ?? {},
    random: random.callbacks,
    retryMs: timing.callbackRetryMs,
  });
  const store = new TaskStore({
    clock,
    random: random.tasks,
    runMs: timing.runMs,
    resultTtlMs: options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS,
    turboOutput: options.turboOutput ?? "flat",
    maxInProgressPerKey: options.maxInProgressPerKey ?? 5,
    failureRate: options.failureRate ?? 0,
    onStatus: (task) => {
      const url = task.params.callback_url;
      if (url === undefined) return;
      const terminal = task.status === "completed" || task.status === "failed";
      callbacks.deliver({
        url,
        body: JSON.stringify(taskBody(task, baseUrl)),
        secret: task.key,
        terminal,
        taskId: task.id,
      });
    },
  });
  const createLog: CreateLogEntry[] = [];
  const fresh = (): Counters => ({ creates: 0, recorded: 0, duplicateCreates: 0, reads: 0, refused: 0, faults: {} });
  const counters = fresh();
  const seenBodies = new Set<string>();

  const server = createServer(
    handler({
      store,
      keys: new Set(keys),
      baseUrl: () => baseUrl,
      createFault: faultPlan(options.faults?.create, random.create),
      readFault: faultPlan(options.faults?.read, random.read),
      charge: (key, credits) => {
        if (options.credits === undefined) return true;
        const left = balance.get(key) ?? options.credits;
        if (left < credits) return false;
        balance.set(key, left - credits);
        return true;
      },
      counters,
      seenBodies,
      createLog,
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  baseUrl = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  const stopTicking = clock.every(timing.tickMs, () => store.tick());

  return {
    url: baseUrl,
    port,
    key: keys[0] as string,
    tick: () => store.tick(),
    tasks: () => store.all(),
    creates: () => createLog.map((entry) => ({ ...entry })),
    idle: () => callbacks.idle(),
    reset: async () => {
      await callbacks.reset();
      store.reset();
      Object.assign(counters, fresh());
      balance.clear();
      seenBodies.clear();
      createLog.length = 0;
      for (const each of Object.values(random)) each.restart();
    },
    stats: () => {
      const tasks = { pending: 0, in_progress: 0, processing: 0, completed: 0, failed: 0 };
      for (const task of store.all()) tasks[task.status]++;
      return {
        ...counters,
        faults: { ...counters.faults },
        callbacks: { ...callbacks.stats },
        tasks,
        maxInProgressSeen: store.maxInProgressSeen,
      };
    },
    close: async () => {
      stopTicking();
      await callbacks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
