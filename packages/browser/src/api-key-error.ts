// Thrown by createClient when it is handed an API key without the explicit opt-in.
import { ViduExtendError } from "@vidu-extend/core";

/** An API key was given to a client that runs in a web page, without `dangerouslyAllowApiKeyInBrowser: true`. */
export class BrowserApiKeyError extends ViduExtendError {
  readonly _tag = "BrowserApiKeyError";
  override readonly name = "BrowserApiKeyError";
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;

  constructor() {
    super({
      message:
        "createClient from @vidu-extend/browser was given an apiKey. Anything a web page holds can be read by anyone who " +
        "opens it (devtools, the network tab, the bundle), and with the key they can create tasks and spend your balance. " +
        "Point baseUrl at your own proxy, which adds the key server-side, and pass no apiKey: the project's worker " +
        "(apps/worker) is one, at baseUrl <worker>/gateway, with a fetch that sends Authorization: Bearer <caller token> " +
        "(one of its CALLER_TOKENS). Only for a page that never leaves your machine, set dangerouslyAllowApiKeyInBrowser: true.",
    });
  }
}
