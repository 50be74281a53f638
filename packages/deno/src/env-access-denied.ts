// A plain Error with a `_tag`, like the core's errors, so that Effect's catchTag handles it; not
// Data.TaggedError, whose computed superclass JSR cannot type without inferring (a slow type).
import { ENV } from "@vidu-extend/core";

/** Deno.env was read without the env permission for `variable`. */
export class EnvAccessDenied extends Error {
  readonly _tag: "EnvAccessDenied" = "EnvAccessDenied";
  override readonly name: string = "EnvAccessDenied";
  readonly variable: string;

  constructor(variable: string) {
    super(
      `reading ${variable} from Deno.env needs the env permission: run with --allow-env=${ENV.apiKey},${ENV.baseUrl}, or pass the value in the options`,
    );
    this.variable = variable;
  }
}
