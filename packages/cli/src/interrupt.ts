// What Ctrl-C leaves the user with: whether a task exists, and how to pick it up again. Said on
// stderr, and with --json also as the one JSON document on stdout.
import type { Context } from "./context.js";

const shellWord = (word: string) => (/^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

export interface Interruption {
  readonly message: string;
  readonly json: {
    readonly interrupted: true;
    readonly taskId?: string;
    /** The command that resumes the wait, when the task outlives this process. */
    readonly resume?: string;
    readonly message: string;
  };
}

export function interruption(command: string, ctx: Context): Interruption {
  const { taskId } = ctx;
  if (taskId !== undefined && ctx.resumable !== false) {
    const resume = ["vidu-extend", "wait", taskId, ...(ctx.resume ?? [])].map(shellWord).join(" ");
    const message = `Stopped waiting. The task goes on upstream: resume with ${resume}`;
    return { message, json: { interrupted: true, taskId, resume, message } };
  }
  if (taskId !== undefined) {
    const message = `Stopped waiting. Task ${taskId} lived in the embedded simulator, which stops with this command.`;
    return { message, json: { interrupted: true, taskId, message } };
  }
  const message =
    command === "extend"
      ? "Interrupted while submitting: the create request may already have reached the gateway, so a task may exist (and be billed). Check for it before submitting again."
      : "Stopped.";
  return { message, json: { interrupted: true, message } };
}
