// A client over a scripted fetch, built inside the test (so that its watcher runs on the
// TestClock and closes with the test's scope), and `at(ms)`: move the TestClock to ms since the
// start and answer how many requests were made by then.
import * as Effect from "effect/Effect";
import { TestClock } from "effect/testing";
import type { ClientOptions } from "../../src/client/options.js";
import { makeViduExtend } from "../../src/client/vidu-extend.js";
import type { LogEvent } from "../../src/logger.js";
import { flush, KEY, scriptedFetch, type Reply } from "./scripted-fetch.js";

export const clockHarness = (replies: readonly Reply[], options: ClientOptions = {}) =>
  Effect.gen(function* () {
    const script = scriptedFetch(replies);
    const events: LogEvent[] = [];
    const vidu = yield* makeViduExtend({
      apiKey: KEY,
      fetch: script.fetch,
      logger: (e) => events.push(e),
      ...options,
    });
    let now = 0;
    const at = (ms: number) =>
      Effect.gen(function* () {
        yield* TestClock.adjust(ms - now);
        now = ms;
        yield* flush;
        return script.calls.length;
      });
    return { vidu, script, events, at };
  });
