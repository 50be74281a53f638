// One TaskWatcher per client: every wait of the client is an entry here, not a fiber with timers
// of its own. One scheduler fiber keeps a due-time heap (next read of each task, deadline of each
// waiter) and sleeps on one timer until the earliest; due reads queue and start only while a read
// permit is free and no Retry-After pause holds. Waiters of the same task id share its entry and
// its Deferred (ref-counted: the last one out removes the entry and aborts its read).
import * as Clock from "effect/Clock";
import * as Deferred from "effect/Deferred";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Fiber from "effect/Fiber";
import * as Option from "effect/Option";
import type * as Scope from "effect/Scope";
import type { CallbackSource } from "../client/callback-hub.js";
import type { ReadError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import { pollDelay, type PollPolicy } from "../policy/poll-policy.js";
import { retryDelay, type RetryPolicy } from "../policy/retry-policy.js";
import { Jitter } from "../services.js";
import { isTerminal, type Task } from "../task/task.js";
import { describeFailure, isRetryable, toError, type AttemptFailure } from "../transport/failure.js";
import type { Gateway } from "../transport/gateway.js";
import { makeDueHeap, type DueNode } from "./due-heap.js";
import type { Flow } from "./flow.js";

export interface WatchRequest {
  readonly taskId: string;
  /** This waiter's deadline, from now. */
  readonly timeoutMs: number;
  /** The schedule when some waiter of the task has no callback source (the first waiter's wins). */
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  readonly callbacks: CallbackSource | undefined;
  /** Hears each state seen for the task: every read, and the body of each non-terminal callback. Must not throw. */
  readonly observe: (task: Task, source: "poll" | "callback") => void;
}

export interface WatcherDepth {
  readonly tasks: number;
  readonly waiters: number;
  /** Due, waiting for a read permit or the end of a pause. */
  readonly ready: number;
  readonly reading: number;
}

/** How a waiter ends: its task settled (shared by every waiter of the task), its own deadline passed, or the watcher closed. */
export type WaitOutcome =
  | {
      readonly _tag: "Settled";
      readonly outcome: Deferred.Deferred<Task, ReadError>;
      readonly exit: Exit.Exit<Task, ReadError>;
    }
  | { readonly _tag: "Deadline" }
  | { readonly _tag: "Closed" };

export interface TaskWatcher {
  /** The terminal task (Some), or None at this waiter's deadline; fails on a read error a later read would meet again. */
  readonly watch: (request: WatchRequest) => Effect.Effect<Option.Option<Task>, ReadError>;
  /**
   * The same without a fiber, for the Promise facade: `onOutcome` is called once, with the effect
   * that finishes leaving (it aborts the task's read when this was its last waiter). The returned
   * function leaves early (an abort) and gives that effect.
   */
  readonly register: (
    request: WatchRequest,
    onOutcome: (outcome: WaitOutcome, leaving: Effect.Effect<void>) => void,
  ) => () => Effect.Effect<void>;
  readonly depth: () => WatcherDepth;
}

export interface TaskWatcherOptions {
  readonly gateway: Gateway;
  readonly flow: Flow;
  readonly logger: Logger | undefined;
  /** The schedule while every waiter of a task has a callback source: only to catch a lost callback. */
  readonly safetyPoll: PollPolicy;
}

/** Read failures that a later poll may not meet again: they do not end a wait, the deadline does. */
const TRANSIENT: ReadonlySet<ReadError["_tag"]> = new Set([
  "RateLimited",
  "ServerError",
  "TransportError",
  "UnexpectedResponse",
]);

interface Waiter {
  readonly entry: Entry;
  readonly request: WatchRequest;
  readonly notify: (outcome: WaitOutcome, leaving: Effect.Effect<void>) => void;
  deadline: DueNode<Item> | undefined;
}

interface Entry {
  readonly taskId: string;
  readonly outcome: Deferred.Deferred<Task, ReadError>;
  readonly poll: PollPolicy;
  readonly retry: RetryPolicy;
  readonly waiters: Set<Waiter>;
  /** Callback sources, each subscribed once, with how many waiters gave it. */
  readonly sources: Map<CallbackSource, { count: number; readonly unsubscribe: () => void }>;
  withoutCallbacks: number;
  state: "scheduled" | "ready" | "reading" | "gone";
  node: DueNode<Item> | undefined;
  read: Fiber.Fiber<void> | undefined;
  /** Checks made so far, and the attempt number of the next read within the current check. */
  check: number;
  attempt: number;
  /** A terminal callback came while a read was in flight: confirm with another read at once. */
  recheck: boolean;
  /** The next read confirms a callback: what it finds was told by the callback first. */
  confirming: boolean;
}

type Item = { readonly kind: "read"; readonly entry: Entry } | { readonly kind: "deadline"; readonly waiter: Waiter };

export const makeTaskWatcher = (options: TaskWatcherOptions): Effect.Effect<TaskWatcher, never, Scope.Scope> =>
  Effect.gen(function* () {
    const { gateway, flow, safetyPoll } = options;
    const log = options.logger ?? (() => {});
    const clock = yield* Clock.Clock;
    const jitter = yield* Jitter;
    const scope = yield* Effect.scope;
    const entries = new Map<string, Entry>();
    const heap = makeDueHeap<Item>();
    const ready: Entry[] = [];
    let readyHead = 0;
    let reading = 0;
    let waiterCount = 0;
    const inbox: { readonly entry: Entry; readonly task: Task }[] = [];
    const now = () => clock.currentTimeMillisUnsafe();

    // --- waking the scheduler -------------------------------------------------------------------
    let wakeUp: (() => void) | undefined;
    let woken = false;
    /** The time the scheduler sleeps until (Infinity: until woken). */
    let armedFor = Number.POSITIVE_INFINITY;
    const wake = () => {
      if (wakeUp === undefined) woken = true;
      else wakeUp();
    };
    const wakeIfBefore = (dueMs: number) => {
      if (dueMs < armedFor) wake();
    };
    const readyCount = () => ready.length - readyHead;
    /** Removes a node; an emptied heap wakes the scheduler to disarm its timer (a pending timer keeps a process alive). */
    const unschedule = (node: DueNode<Item>) => {
      heap.remove(node);
      if (heap.size() === 0 && armedFor !== Number.POSITIVE_INFINITY) wake();
    };
    flow.onChange = () => {
      if (readyCount() > 0) wake();
    };

    const depth = (): WatcherDepth => ({ tasks: entries.size, waiters: waiterCount, ready: readyCount(), reading });

    // --- entries ------------------------------------------------------------------------------
    const policyOf = (entry: Entry) => (entry.withoutCallbacks === 0 ? safetyPoll : entry.poll);
    const schedule = (entry: Entry, dueMs: number) => {
      entry.state = "scheduled";
      entry.node = heap.push({ kind: "read", entry }, dueMs);
      wakeIfBefore(dueMs);
    };
    const makeReady = (entry: Entry) => {
      if (entry.node !== undefined) unschedule(entry.node);
      entry.node = undefined;
      entry.state = "ready";
      ready.push(entry);
    };
    const nextReady = (): Entry | undefined => {
      while (readyHead < ready.length) {
        const entry = ready[readyHead++] as Entry;
        if (entry.state === "ready") return entry;
      }
      // Empty: drop the consumed prefix.
      ready.length = 0;
      readyHead = 0;
      return undefined;
    };
    const observe = (entry: Entry, task: Task, source: "poll" | "callback") => {
      for (const waiter of entry.waiters) {
        try {
          waiter.request.observe(task, source);
        } catch (error) {
          log({ type: "listener-error", taskId: entry.taskId, error: String(error) });
        }
      }
    };
    /** Takes the entry away: no more reads, no more callbacks. The returned effect aborts a read in flight. */
    const drop = (entry: Entry): Effect.Effect<void> => {
      const read = entry.read;
      forget(entry);
      return read === undefined ? Effect.void : Fiber.interrupt(read);
    };
    const forget = (entry: Entry) => {
      entries.delete(entry.taskId);
      if (entry.node !== undefined) unschedule(entry.node);
      entry.node = undefined;
      entry.state = "gone";
      for (const source of entry.sources.values()) source.unsubscribe();
      entry.sources.clear();
      entry.read = undefined;
    };
    const settle = (entry: Entry, exit: Exit.Exit<Task, ReadError>) => {
      // Called when the entry's own read has ended: nothing in flight to abort.
      forget(entry);
      Deferred.doneUnsafe(entry.outcome, exit);
      const waiters = [...entry.waiters];
      entry.waiters.clear();
      for (const waiter of waiters) {
        if (waiter.deadline !== undefined) unschedule(waiter.deadline);
        waiterCount--;
      }
      // Resumed last: a waiter's fiber runs on at once, and finds the watcher consistent.
      const settled: WaitOutcome = { _tag: "Settled", outcome: entry.outcome, exit };
      for (const waiter of waiters) waiter.notify(settled, Effect.void);
    };
    /** Removes one waiter; the last one out drops the entry. */
    const detach = (waiter: Waiter): Effect.Effect<void> => {
      const { entry } = waiter;
      if (!entry.waiters.delete(waiter)) return Effect.void;
      waiterCount--;
      if (waiter.deadline !== undefined) unschedule(waiter.deadline);
      const source = waiter.request.callbacks;
      if (source === undefined) entry.withoutCallbacks--;
      else {
        const subscription = entry.sources.get(source);
        if (subscription !== undefined && --subscription.count === 0) {
          subscription.unsubscribe();
          entry.sources.delete(source);
        }
      }
      return entry.waiters.size === 0 ? drop(entry) : Effect.void;
    };

    // --- callbacks: wake-ups, handled in the scheduler, never in the receiver's stack ------------
    const subscribe = (entry: Entry, source: CallbackSource) => {
      const existing = entry.sources.get(source);
      if (existing !== undefined) {
        existing.count++;
        return;
      }
      const subscription = { count: 1, unsubscribe: () => {} };
      entry.sources.set(source, subscription);
      subscription.unsubscribe = source.subscribe(entry.taskId, (task) => {
        inbox.push({ entry, task });
        wake();
      });
    };
    const drainInbox = () => {
      for (const { entry, task } of inbox.splice(0)) {
        if (entry.state === "gone") continue;
        if (!isTerminal(task)) {
          observe(entry, task, "callback");
          continue;
        }
        // The body is not signed: the wait settles on what one read confirms.
        if (entry.state === "scheduled") {
          entry.confirming = true;
          makeReady(entry);
        } else if (entry.state === "reading") entry.recheck = true;
        else entry.confirming = true;
      }
    };

    // --- reads --------------------------------------------------------------------------------
    const afterRead = (entry: Entry, result: Exit.Exit<Task, AttemptFailure>) => {
      const at = now();
      const confirming = entry.confirming;
      entry.confirming = false;
      if (Exit.isSuccess(result)) {
        const task = result.value;
        observe(entry, task, confirming ? "callback" : "poll");
        if (isTerminal(task)) return settle(entry, Exit.succeed(task));
        entry.check++;
        entry.attempt = 1;
        if (entry.recheck) {
          entry.recheck = false;
          entry.confirming = true;
          return makeReady(entry);
        }
        return schedule(entry, at + pollDelay(policyOf(entry), entry.check));
      }
      const failure = Option.getOrUndefined(Exit.findErrorOption(result));
      if (failure === undefined) return;
      if (failure.kind === "held") return schedule(entry, failure.untilMs);
      const operation = { kind: "read", taskId: entry.taskId } as const;
      const error = toError(operation, failure, entry.attempt);
      if (!TRANSIENT.has(error._tag)) return settle(entry, Exit.fail(error));
      if (entry.attempt < entry.retry.attempts && isRetryable(entry.retry, operation, failure)) {
        const retryAfterMs = failure.kind === "http" ? failure.retryAfterMs : undefined;
        const delayMs = retryDelay(entry.retry, entry.attempt, jitter(), retryAfterMs);
        log({
          type: "retry",
          method: "GET",
          path: `/model/v1/generation/task/${encodeURIComponent(entry.taskId)}`,
          attempt: entry.attempt,
          delayMs,
          reason: describeFailure(failure),
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
        entry.attempt++;
        return schedule(entry, at + delayMs);
      }
      log({ type: "poll-error", taskId: entry.taskId, error: error.message });
      entry.check++;
      entry.attempt = 1;
      return schedule(entry, at + pollDelay(policyOf(entry), entry.check));
    };

    /** Starts a read of `entry` under a permit the caller holds; when it ends, the permit goes to the next due read. */
    const startRead = (entry: Entry): Effect.Effect<void> =>
      Effect.suspend(() => {
        entry.state = "reading";
        reading++;
        const attempt = entry.attempt;
        const read = Effect.exit(gateway.readAttempt(entry.taskId, entry.retry, attempt)).pipe(
          Effect.flatMap((result) =>
            Effect.sync(() => {
              if (entry.state !== "reading") return;
              entry.read = undefined;
              afterRead(entry, result);
            }),
          ),
          Effect.withSpan(
            "vidu.watcher.read",
            {
              attributes: {
                "vidu.task_id": entry.taskId,
                "vidu.check": entry.check,
                "vidu.attempt": attempt,
                "vidu.watcher.queue_depth": readyCount() + reading,
                "vidu.watcher.tasks": entries.size,
              },
            },
            { captureStackTrace: false },
          ),
          Effect.onExit(() => Effect.suspend(handOff)),
        );
        return Effect.forkIn(read, scope).pipe(
          Effect.flatMap((fiber) =>
            Effect.sync(() => {
              if (entry.state === "reading" && fiber.pollUnsafe() === undefined) entry.read = fiber;
            }),
          ),
        );
      });
    /** A read ended: its permit starts the next due read at once, or goes back (first to a queued `get`). */
    const handOff = (): Effect.Effect<void> => {
      reading--;
      const next = now() >= flow.pausedUntil() && flow.reads.waiting() === 0 ? nextReady() : undefined;
      if (next !== undefined) return startRead(next);
      flow.reads.release();
      return Effect.void;
    };

    // --- the scheduler ------------------------------------------------------------------------
    const expire = (waiter: Waiter) => {
      waiter.deadline = undefined;
      waiter.notify({ _tag: "Deadline" }, detach(waiter));
    };
    const signal = Effect.callback<void>((resume) => {
      if (woken) {
        woken = false;
        return resume(Effect.void);
      }
      wakeUp = () => {
        wakeUp = undefined;
        // Resumed in a microtask: a resume runs the fiber synchronously, and the scheduler must
        // run after the caller's change is complete, not in the middle of it.
        queueMicrotask(() => resume(Effect.void));
      };
      return Effect.sync(() => {
        wakeUp = undefined;
      });
    });
    const scheduler = Effect.gen(function* () {
      for (;;) {
        drainInbox();
        const at = now();
        for (let node = heap.peek(); node !== undefined && node.dueMs <= at; node = heap.peek()) {
          heap.pop();
          const item = node.value;
          if (item.kind === "deadline") expire(item.waiter);
          else {
            item.entry.node = undefined;
            makeReady(item.entry);
          }
        }
        const pausedUntil = flow.pausedUntil();
        if (at >= pausedUntil) {
          while (readyCount() > 0 && flow.reads.tryTake()) {
            const entry = nextReady();
            if (entry === undefined) {
              flow.reads.release();
              break;
            }
            yield* startRead(entry);
          }
        }
        let target = heap.peek()?.dueMs ?? Number.POSITIVE_INFINITY;
        if (readyCount() > 0 && pausedUntil > at) target = Math.min(target, pausedUntil);
        armedFor = target;
        if (woken) woken = false;
        else if (target === Number.POSITIVE_INFINITY) yield* signal;
        else yield* Effect.raceFirst(signal, Effect.sleep(Math.max(0, target - at)));
        armedFor = Number.POSITIVE_INFINITY;
      }
    });
    yield* Effect.forkIn(scheduler, scope);
    // Closed with the client: every wait still running ends as interrupted (its reads, forked in
    // this scope, are interrupted with it), so that nothing is left waiting for a watcher that is gone.
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        const waiters = [...entries.values()].flatMap((entry) => {
          forget(entry);
          return [...entry.waiters];
        });
        entries.clear();
        waiterCount = 0;
        for (const waiter of waiters) waiter.notify({ _tag: "Closed" }, Effect.void);
      }),
    );

    const register: TaskWatcher["register"] = (request, notify) => {
      const at = now();
      let entry = entries.get(request.taskId);
      const created = entry === undefined;
      if (entry === undefined) {
        entry = {
          taskId: request.taskId,
          outcome: Deferred.makeUnsafe<Task, ReadError>(),
          poll: request.poll,
          retry: request.retry,
          waiters: new Set(),
          sources: new Map(),
          withoutCallbacks: 0,
          state: "scheduled",
          node: undefined,
          read: undefined,
          check: 0,
          attempt: 1,
          recheck: false,
          confirming: false,
        };
        entries.set(request.taskId, entry);
      }
      const waiter: Waiter = { entry, request, notify, deadline: undefined };
      // The deadline goes in before the first read: a read due at the very deadline is not made.
      const deadlineMs = at + request.timeoutMs;
      waiter.deadline = heap.push({ kind: "deadline", waiter }, deadlineMs);
      entry.waiters.add(waiter);
      waiterCount++;
      const joinsPolling = request.callbacks === undefined && entry.withoutCallbacks++ === 0;
      if (created) schedule(entry, at + pollDelay(policyOf(entry), 0));
      else if (joinsPolling && entry.state === "scheduled" && entry.node !== undefined) {
        // A waiter without callbacks joins a task on the safety schedule: poll as it expects.
        const dueMs = at + pollDelay(entry.poll, entry.check);
        if (dueMs < entry.node.dueMs) {
          unschedule(entry.node);
          schedule(entry, dueMs);
        }
      }
      wakeIfBefore(deadlineMs);
      // Last: the hub may deliver its kept event at once.
      if (request.callbacks !== undefined) subscribe(entry, request.callbacks);
      return () => detach(waiter);
    };
    const watch = (request: WatchRequest) =>
      Effect.callback<Option.Option<Task>, ReadError>((resume) => {
        const leave = register(request, (outcome, leaving) => {
          switch (outcome._tag) {
            case "Settled":
              return resume(Effect.asSome(Deferred.await(outcome.outcome)));
            case "Deadline":
              return resume(Effect.as(leaving, Option.none()));
            case "Closed":
              return resume(Effect.interrupt);
          }
        });
        return Effect.suspend(leave);
      });

    return { watch, register, depth };
  });
