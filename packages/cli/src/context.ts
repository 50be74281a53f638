// What every command runs with: the environment, the streams, whether stdout is a terminal, and
// the signal that Ctrl-C aborts.
export interface Context {
  readonly env: NodeJS.ProcessEnv;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly tty: boolean;
  readonly signal: AbortSignal;
  readonly started: number;
  /** The task being waited for, so that an interrupted user is told how to resume. */
  taskId?: string;
  /** False when the task lives in the embedded simulator, which ends with this process. */
  resumable?: boolean;
  /** Flags that the resume command needs besides the task id (e.g. --output). */
  resume?: readonly string[];
  /** The command runs against the embedded simulator. */
  embedded?: boolean;
}

export const printJson = (ctx: Context, value: unknown) => void ctx.out.write(`${JSON.stringify(value, null, 2)}\n`);
