// Progress on the terminal: one live line on a TTY (status, bar, elapsed, task id), plain lines
// otherwise, nothing with --json (stdout is for the result; notes go to stderr).
import type { ProgressEvent } from "@vidu-extend/node";

export interface Renderer {
  progress(event: ProgressEvent): void;
  note(line: string): void;
  /** Ends the live line, if any. */
  done(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function bar(progress: number | undefined, width = 24): string {
  if (progress === undefined) return "";
  const full = Math.round(progress * width);
  return ` [${"#".repeat(full)}${"-".repeat(width - full)}] ${String(Math.round(progress * 100)).padStart(3)}%`;
}

export function renderer(options: {
  readonly tty: boolean;
  readonly json: boolean;
  readonly started: number;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}): Renderer {
  const { out, err, started } = options;
  const elapsed = () => seconds(performance.now() - started);
  if (options.json) {
    return { progress: () => {}, note: (line) => void err.write(`${line}\n`), done: () => {} };
  }
  if (!options.tty) {
    return {
      progress: (e) =>
        void out.write(
          `${elapsed()} ${e.taskId} ${e.status}${e.progress === undefined ? "" : ` ${Math.round(e.progress * 100)}%`} (${e.source})\n`,
        ),
      note: (line) => void out.write(`${line}\n`),
      done: () => {},
    };
  }
  let last: ProgressEvent | undefined;
  let live = false;
  const draw = () => {
    if (last === undefined) return;
    out.write(`\r\x1b[2K${last.status.padEnd(11)}${bar(last.progress)}  ${elapsed().padStart(6)}  task ${last.taskId}`);
    live = true;
  };
  const timer = setInterval(draw, 200);
  timer.unref();
  return {
    progress: (e) => {
      last = e;
      draw();
    },
    note: (line) => {
      if (live) out.write("\r\x1b[2K");
      out.write(`${line}\n`);
      draw();
    },
    done: () => {
      clearInterval(timer);
      if (live) out.write("\n");
      live = false;
      last = undefined; // the finished line must not be drawn again under later notes
    },
  };
}
