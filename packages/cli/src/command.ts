// What a subcommand is: its line in the overview, its own --help, and what it runs. main.ts
// registers each one by name.
import type { Context } from "./context.js";

export interface Command {
  /** Its line under "Usage:" in `vidu-extend --help`. */
  readonly usage: string;
  /** What `vidu-extend <command> --help` prints. */
  readonly help: () => string;
  readonly run: (args: readonly string[], ctx: Context) => Promise<void>;
}
