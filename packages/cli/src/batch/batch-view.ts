// What a batch shows while it runs: on a terminal one live block (counts per state, a bar, slots
// in use, ETA) redrawn in place; without one, one plain line per change; with --json nothing
// until the final document (notes go to stderr).
import type { BatchCounts, BatchEvent } from "@vidu-extend/node";

export interface BatchView {
  event(event: BatchEvent): void;
  note(line: string): void;
  /** Ends the live block, if any. */
  done(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const finished = (c: BatchCounts) => c.completed + c.failed + c.ambiguous;

function who(job: number, key: string | undefined, lines: readonly number[]): string {
  return `line ${lines[job]}${key === undefined ? "" : ` (${key})`}`;
}

/** One plain line for an event, or undefined when it is no change worth a line. */
function line(event: BatchEvent, lines: readonly number[]): string | undefined {
  switch (event.type) {
    case "started":
      return `batch of ${event.total} jobs${event.resumed ? ", resumed from its journal" : ""}`;
    case "submitting":
      return undefined;
    case "submitted":
      return `${who(event.job, event.key, lines)} submitted: task ${event.taskId}`;
    case "progress":
      // The end of a task gets its own line ("finished"), with its result.
      return event.status === "completed" || event.status === "failed"
        ? undefined
        : `${who(event.job, event.key, lines)} ${event.status}`;
    case "finished": {
      const r = event.result;
      const error = r.error === undefined ? "" : `: ${r.error.code} ${r.error.message}`;
      return `${who(r.job, r.key, lines)} ${r.status}${r.taskId === undefined ? "" : ` (task ${r.taskId})`}${error}`;
    }
    case "saved":
      return `${who(event.job, event.key, lines)} saved ${event.file}`;
    case "paused":
      return `rate limited: every create paused for ${seconds(event.retryAfterMs)}`;
    case "stopping":
      return `stopping: ${event.message}`;
  }
}

export function batchView(options: {
  readonly tty: boolean;
  readonly json: boolean;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly total: number;
  readonly concurrency: number;
  readonly lines: readonly number[];
}): BatchView {
  const { out, err, total, concurrency, lines } = options;
  const started = performance.now();
  const elapsed = () => seconds(performance.now() - started);
  if (options.json) return { event: () => {}, note: (text) => void err.write(`${text}\n`), done: () => {} };
  if (!options.tty) {
    return {
      event: (event) => {
        const text = line(event, lines);
        if (text !== undefined) out.write(`${elapsed()} ${text} [${finished(event.counts)}/${total} done]\n`);
      },
      note: (text) => void out.write(`${text}\n`),
      done: () => {},
    };
  }

  let last: BatchEvent | undefined;
  let drawn = 0;
  /** Jobs finished before this run started, so that the ETA counts only this run's pace. */
  let doneAtStart: number | undefined;
  const block = (event: BatchEvent): string[] => {
    const c = event.counts;
    const done = finished(c);
    doneAtStart ??= done;
    const width = 30;
    const full = total === 0 ? width : Math.round((done / total) * width);
    const ms = performance.now() - started;
    const pace = done - doneAtStart;
    const left = total - done;
    const eta = pace > 0 && left > 0 ? `ETA ${seconds((ms / pace) * left)}` : left === 0 ? "" : "ETA —";
    return [
      `batch [${"#".repeat(full)}${"-".repeat(width - full)}] ${done}/${total} done  ${elapsed()}  ${eta}`,
      `  completed ${c.completed}  failed ${c.failed}  ambiguous ${c.ambiguous}  running ${c.running}  submitting ${c.submitting}  queued ${c["not-started"]}${c.unfinished > 0 ? `  unfinished ${c.unfinished}` : ""}`,
      `  slots ${event.slotsInUse}/${concurrency} in use`,
    ];
  };
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (last === undefined) return;
    clear();
    const rows = block(last);
    out.write(`${rows.join("\n")}\n`);
    drawn = rows.length;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    event: (event) => {
      last = event;
      if (event.type === "paused" || event.type === "stopping") {
        clear();
        out.write(`${line(event, lines)}\n`);
      }
      draw();
    },
    note: (text) => {
      clear();
      out.write(`${text}\n`);
      draw();
    },
    done: () => {
      clearInterval(timer);
      draw();
      drawn = 0;
    },
  };
}
