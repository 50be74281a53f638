// Every failure as one readable paragraph (what failed, the field and rule, the seed code, what
// to do next) and its exit code. Never the key: core's messages are already redacted.
import type { Violation } from "@vidu-extend/node";
import { EXIT } from "./exit-codes.js";
import { failureAdvice } from "./failure-advice.js";
import { inFlagTerms } from "./flag-terms.js";

export class UsageError extends Error {
  readonly _tag = "UsageError";
}

/** Where the failure happened, for advice that fits it. */
export interface Scope {
  /** The command that failed, when it is one. */
  readonly command?: string;
  /** The command ran against the embedded simulator (no VTRIX_API_KEY). */
  readonly embedded?: boolean;
}

export interface Outcome {
  readonly code: number;
  readonly paragraph: string;
  readonly json: Record<string, unknown>;
}

const violationLine = (v: Violation) =>
  `  - ${v.field === "" ? "(parameters)" : v.field}: ${v.message} [rule ${v.rule}${v.code === undefined ? "" : `, seed code ${v.code}`}]`;

function describe(
  error: { readonly _tag: string; readonly message: string } & Record<string, unknown>,
  scope: Scope,
): {
  code: number;
  text: string;
} {
  switch (error._tag) {
    case "UsageError":
      return {
        code: EXIT.usage,
        text: `${error.message}\n${
          scope.command === undefined
            ? "Run vidu-extend --help for the commands and options."
            : `Run vidu-extend ${scope.command} --help for its options.`
        }`,
      };
    case "ValidationError": {
      const violations = (error["violations"] ?? []) as Violation[];
      const head =
        error["source"] === "gateway"
          ? "The gateway refused the parameters; nothing was created."
          : "Invalid parameters; nothing was sent.";
      return {
        code: EXIT.validation,
        text: `${head}\n${violations.map(violationLine).join("\n")}\nFix the flags above and run the command again.`,
      };
    }
    case "Unauthorized":
    case "PermissionDenied":
      return {
        code: EXIT.auth,
        text: `${error.message}\nCheck VTRIX_API_KEY and VTRIX_BASE_URL, or unset VTRIX_API_KEY to use the local simulator.`,
      };
    case "InsufficientBalance":
      return {
        code: EXIT.balance,
        text: `${error.message}\nTop up the account, then run the command again; nothing was created.`,
      };
    case "RateLimited":
      return {
        code: EXIT.rateLimited,
        text: `${error.message}\nWait a little and run the command again; nothing was created.`,
      };
    case "AmbiguousSubmit":
      return { code: EXIT.ambiguousSubmit, text: `${error.message}\n(The CLI never resends a create on its own.)` };
    case "TaskFailed":
      return { code: EXIT.taskFailed, text: `${error.message}\n${failureAdvice(String(error["code"]))}` };
    case "WaitTimeout":
      return { code: EXIT.timeout, text: `${error.message}\nResume with: vidu-extend wait ${String(error["taskId"])}` };
    case "TaskNotFound":
      return {
        code: EXIT.notFound,
        text: scope.embedded
          ? `${error.message}\nNo VTRIX_API_KEY is set, so this read a new embedded simulator, which starts empty (a task of an earlier extend ended with that command). Run vidu-extend simulator in another terminal, set VTRIX_BASE_URL and VTRIX_API_KEY to what it prints, and extend there; or set VTRIX_API_KEY to read from the gateway.`
          : `${error.message}\nCheck the task id, and that VTRIX_API_KEY is the key that created it.`,
      };
    case "CallbackRejected":
      return {
        code: EXIT.callbackRejected,
        text: `The delivery must not be trusted (${String(error["reason"])}): ${error.message}`,
      };
    default:
      return { code: EXIT.failure, text: `${error.message}\nCheck the network and VTRIX_BASE_URL, then try again.` };
  }
}

export function outcomeOf(error: unknown, scope: Scope = {}): Outcome {
  const tagged =
    typeof error === "object" &&
    error !== null &&
    "_tag" in error &&
    typeof (error as { _tag: unknown })._tag === "string"
      ? (error as { _tag: string; message: string } & Record<string, unknown>)
      : { _tag: "Unexpected", message: error instanceof Error ? error.message : String(error) };
  const { _tag, message: libraryMessage, ...data } = tagged;
  const message = inFlagTerms(libraryMessage, scope.command);
  const { code, text } = describe({ ...tagged, _tag, message }, scope);
  return { code, paragraph: `error: ${text}`, json: { error: { tag: _tag, message, exitCode: code, ...plain(data) } } };
}

/** The error's own data, without class internals, safe to print as JSON. */
function plain(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "stack" || key === "task" || typeof value === "function") continue;
    out[key] = value;
  }
  return out;
}
