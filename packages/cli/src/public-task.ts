// What `--json` prints of a task: the normalised fields, without the gateway's raw body (its
// fields are all there under their normalised names, and the raw shape differs per model).
import type { Task } from "@vidu-extend/node";

export function publicTask({ raw: _raw, ...task }: Task): Omit<Task, "raw"> {
  return task;
}
