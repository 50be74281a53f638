// A client over a scripted fetch, and `at(ms)`: move the TestClock to ms since the start and
// answer how many requests were made by then.
import * as Effect from "effect/Effect";
import { TestClock } from "effect/testing";
import type { ClientOptions } from "../../src/client/options.js";
import { makeViduExtend } from "../../src/client/vidu-extend.js";
import type { LogEvent } from "../../src/logger.js";
import { flush, KEY, scriptedFetch, type Reply } from "./scripted-fetch.js";

export function clockHarness(replies: readonly Reply[], options: ClientOptions = {}) {
  const script = scriptedFetch(replies);
  const events: LogEvent[] = [];
  const vidu = makeViduExtend({ apiKey: KEY, fetch: script.fetch, logger: (e) => events.push(e), ...options });
  let now = 0;
  const at = (ms: number) =>
    Effect.gen(function* () {
      yield* TestClock.adjust(ms - now);
      now = ms;
      yield* flush;
      return script.calls.length;
    });
  return { vidu, script, events, at };
}
