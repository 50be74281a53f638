// One task type for every shape the spec allows (both output shapes, the three error shapes,
// both usage shapes). See normalize.ts.
import type { GatewayTask } from "@vidu-extend/contract";

/** The statuses the gateway is known to send. Others are kept as they come. */
export type KnownStatus = "pending" | "processing" | "in_progress" | "completed" | "failed";
export type TaskStatus = KnownStatus | (string & {});

/** Where a task stands, whatever name the gateway used: `unknown` is a status we do not know, not finished. */
export type TaskPhase = "queued" | "running" | "completed" | "failed" | "unknown";

/**
 * A generated video. The URL is a CDN link that EXPIRES (upstream says after 24 hours):
 * download or copy the file promptly; do not store the URL as the result.
 */
export interface Video {
  readonly url: string;
  readonly type: string;
  readonly jobId?: string;
}

/** Usage, from either shape the gateway sends; every field optional. */
export interface TaskUsage {
  readonly model?: string;
  readonly duration?: number;
  readonly resolution?: string;
  readonly credits?: number;
  readonly cost?: string;
  readonly quantity?: number;
  readonly unitPrice?: number | string;
  readonly extraInfo?: unknown;
}

/** Why a task failed, in one shape: `code` is always a string (`008012098`, not 8012098). */
export interface TaskErrorInfo {
  readonly code: string;
  readonly message: string;
}

export interface Task {
  readonly id: string;
  readonly model?: string;
  /** As the gateway sent it. */
  readonly status: TaskStatus;
  readonly phase: TaskPhase;
  /** 0–1; 1 once completed; absent when the gateway gave none. */
  readonly progress?: number;
  /** Unix seconds. */
  readonly createdAt?: number;
  /** Present once completed. Each URL expires (24 h upstream): download promptly. */
  readonly videos: readonly Video[];
  readonly usage?: TaskUsage;
  readonly error?: TaskErrorInfo;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The body as received, for anything this type does not carry. */
  readonly raw: GatewayTask;
}

/** A task that finished well, with at least one video. */
export interface CompletedTask extends Task {
  readonly status: "completed";
  readonly phase: "completed";
  readonly videos: readonly [Video, ...Video[]];
}

export const isTerminal = (task: Pick<Task, "phase">): boolean => task.phase === "completed" || task.phase === "failed";
