// Every knob of the simulator, with its default.
import type { SimClock } from "./clock.js";

/** Per-endpoint fault rates (0–1), drawn from the seed in request order. */
export interface EndpointFaults {
  /** 429 with Retry-After: retryAfterSeconds. */
  readonly rate429?: number;
  readonly retryAfterSeconds?: number;
  readonly rate500?: number;
  readonly rate502?: number;
  /** 503 with Retry-After: retryAfterSeconds. */
  readonly rate503?: number;
  readonly rate504?: number;
  /** Create only: the connection is dropped before the task is recorded (safe to resend). */
  readonly dropBeforeRecord?: number;
  /** Create only: the task is recorded, then the connection is dropped (a resend duplicates it). */
  readonly dropAfterRecord?: number;
  /** The answer is held back slowMs (real time). */
  readonly slowRate?: number;
  readonly slowMs?: number;
  /** A 200 whose body is not JSON. On create, the task is recorded first. */
  readonly malformedRate?: number;
  /** A 200 whose JSON is cut off mid-body and the connection closed. On create, the task is recorded first. */
  readonly truncatedRate?: number;
}

/** Callback delivery misbehaviour, drawn from the seed. */
export interface CallbackFaults {
  /** Each delivery is sent twice. */
  readonly duplicateRate?: number;
  /** Non-terminal deliveries are held back and sent after the terminal one. */
  readonly reorder?: boolean;
  /** Every delivery waits this long (real time) first. */
  readonly delayMs?: number;
  /** The signature of a delivery attempt is corrupted. */
  readonly missignRate?: number;
  /** A delivered request is sent again exactly as it was (same nonce and signature): a replay. */
  readonly replayRate?: number;
}

export interface Timing {
  /** How long a task runs once admitted, per model. */
  readonly runMs: { readonly viduq2_pro_extend: number; readonly viduq2_turbo_extend: number };
  /** How often tasks advance (progress, admission, completion). */
  readonly tickMs: number;
  /** Delay before each resend of a terminal callback the receiver did not take. */
  readonly callbackRetryMs: number;
}

export const TIMINGS: Readonly<Record<"fast" | "realistic", Timing>> = {
  fast: { runMs: { viduq2_pro_extend: 1_500, viduq2_turbo_extend: 1_000 }, tickMs: 100, callbackRetryMs: 100 },
  realistic: {
    runMs: { viduq2_pro_extend: 30_000, viduq2_turbo_extend: 20_000 },
    tickMs: 1_000,
    callbackRetryMs: 5_000,
  },
};

export interface SimulatorOptions {
  /** Default 127.0.0.1: the simulator only listens on loopback unless told otherwise. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Accepted API keys. Default ["sim-key"]. */
  readonly keys?: readonly string[];
  /** Default "fast" (about 1–1.5 s per task); "realistic" is 20–30 s. */
  readonly timing?: "fast" | "realistic" | Timing;
  /** Fraction of tasks that fail with one of their model's failure codes. Default 0. */
  readonly failureRate?: number;
  /** Seed of every random choice (ids, failures, faults). Default 1. */
  readonly seed?: number;
  /** Tasks in progress at once per key; the rest wait as pending. Default 5, the upstream limit. */
  readonly maxInProgressPerKey?: number;
  /** Credits per key; a task costs one credit per second of duration. Default: unlimited. */
  readonly credits?: number;
  readonly faults?: { readonly create?: EndpointFaults; readonly read?: EndpointFaults };
  readonly callbacks?: CallbackFaults;
  /** Default: the real clock. Tests pass a manual one. */
  readonly clock?: SimClock;
  /**
   * How long a completed task's video URL works, on the simulator's clock. Default 24 h, as
   * upstream; afterwards the URL answers 403, as an expired CDN link does.
   */
  readonly resultTtlMs?: number;
  /**
   * The output shape of turbo tasks. Default "flat" (`output[].url`, as the turbo seed page shows);
   * "content" wraps it like pro's (`output[].content[].url`), which is where the gateway's own CLI
   * reads URLs: a client must handle both.
   */
  readonly turboOutput?: "flat" | "content";
  /** The fetch used to deliver callbacks. Default: the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>;
}

export const DEFAULT_KEY = "sim-key";

/** The lifetime of result URLs upstream. */
export const DEFAULT_RESULT_TTL_MS = 24 * 60 * 60 * 1000;
