// Structured events for a `logger` option. None of them carries the API key or a request body.

export type LogEvent =
  | { readonly type: "request"; readonly method: string; readonly path: string; readonly attempt: number }
  | {
      readonly type: "response";
      readonly method: string;
      readonly path: string;
      readonly status: number;
      readonly durationMs: number;
    }
  | {
      readonly type: "retry";
      readonly method: string;
      readonly path: string;
      readonly attempt: number;
      readonly delayMs: number;
      /** e.g. `status 503`, `transport refused`. */
      readonly reason: string;
      readonly retryAfterMs?: number;
    }
  | {
      readonly type: "status";
      readonly taskId: string;
      readonly status: string;
      readonly progress?: number;
      readonly source: "submit" | "poll" | "callback";
    }
  | { readonly type: "poll-error"; readonly taskId: string; readonly error: string }
  /** Every read of the client is held for `delayMs`: the gateway answered 429/503 with Retry-After. */
  | { readonly type: "pause"; readonly delayMs: number; readonly reason: string }
  /** An `onProgress` (or another listener) threw; the wait goes on, the throw goes no further. */
  | { readonly type: "listener-error"; readonly taskId: string; readonly error: string };

export type Logger = (event: LogEvent) => void;
