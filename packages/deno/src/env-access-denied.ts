// A ViduExtendError with a `_tag`, like the core's errors, so that Effect's catchTag handles it;
// declared as a plain subclass, not with TaggedViduError, whose computed superclass JSR cannot
// type without inferring (a slow type).
import { ENV, ViduExtendError } from "@vidu-extend/core";

/** Deno.env was read without the env permission for `variable`. */
export class EnvAccessDenied extends ViduExtendError {
  readonly _tag: "EnvAccessDenied" = "EnvAccessDenied";
  override readonly name: string = "EnvAccessDenied";
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
  readonly variable: string;

  constructor(variable: string) {
    super({
      message: `reading ${variable} from Deno.env needs the env permission: run with --allow-env=${ENV.apiKey},${ENV.baseUrl}, or pass the value in the options`,
    });
    this.variable = variable;
  }
}
