// What a drawn fault does to an answer: before the request is recorded (an error status, or the
// connection dropped unanswered) or after (dropped, malformed, or cut off halfway).
import type { ServerResponse } from "node:http";
import type { Fault } from "./faults.js";
import { CORS, error } from "./http.js";
import { taskBody } from "./task-body.js";
import type { SimTask } from "./tasks.js";

const STATUS_MESSAGES = {
  429: "Rate limit exceeded, retry later",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service temporarily unavailable",
  504: "Upstream request timeout",
} as const;

/** Counts per fault label, e.g. `status-503`, `truncated`. */
export type FaultCounts = Record<string, number>;

const label = (fault: Fault) => (fault.kind === "status" ? `status-${fault.status}` : fault.kind);

function count(counts: FaultCounts, fault: Fault): void {
  counts[label(fault)] = (counts[label(fault)] ?? 0) + 1;
}

/** Answers a fault that strikes before the request is recorded; false when the request goes on. */
export function faultBefore(fault: Fault, res: ServerResponse, counts: FaultCounts): boolean {
  if (fault.kind === "status") {
    count(counts, fault);
    const retry = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
    const code = fault.status === 429 ? "rate_limit_exceeded" : "server_error";
    error(res, fault.status, code, STATUS_MESSAGES[fault.status], retry);
    return true;
  }
  if (fault.kind === "drop-before-record") {
    count(counts, fault);
    res.socket?.destroy();
    return true;
  }
  return false;
}

/** Answers a fault that strikes once `task` is recorded (or read); false when the answer goes out whole. */
export function faultAfter(
  fault: Fault,
  res: ServerResponse,
  counts: FaultCounts,
  task: SimTask,
  baseUrl: string,
): boolean {
  switch (fault.kind) {
    case "drop-after-record":
      count(counts, fault);
      res.socket?.destroy();
      return true;
    case "malformed": {
      count(counts, fault);
      const text = "<html><body>upstream error</body></html>";
      res.writeHead(200, { ...CORS, "content-type": "application/json", "content-length": String(text.length) });
      res.end(text);
      return true;
    }
    case "truncated": {
      count(counts, fault);
      const text = JSON.stringify(taskBody(task, baseUrl));
      res.writeHead(200, {
        ...CORS,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(text)),
      });
      // The half must reach the client before the connection goes: destroy once it is flushed.
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
      return true;
    }
    default:
      return false;
  }
}
