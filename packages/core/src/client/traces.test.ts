import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import * as Tracer from "effect/Tracer";
import { clockHarness } from "../../test/support/clock-harness.js";
import { completed, json, task } from "../../test/support/scripted-fetch.js";

/** A tracer that keeps every span it starts: what an OpenTelemetry exporter would receive. */
function collectingTracer() {
  const spans: Tracer.NativeSpan[] = [];
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options);
      spans.push(span);
      return span;
    },
  });
  const named = (name: string) => spans.filter((span) => span.name === name);
  return { tracer, spans, named };
}

describe("traces", () => {
  it.effect(
    "each operation and each attempt is a span, with model, task id, attempt, status, retry and queue depth",
    () => {
      const { tracer, named } = collectingTracer();
      return Effect.gen(function* () {
        const { vidu, at } = yield* clockHarness(
          [json(200, task("pending")), json(503, {}, { "retry-after": "1" }), json(200, completed)],
          { retry: { jitter: 0 } },
        );
        const fiber = yield* Effect.forkChild(
          vidu.run({ model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/a.mp4" }),
        );
        yield* at(2_000);
        yield* at(3_000);
        yield* Fiber.join(fiber);

        const [run] = named("vidu.run");
        expect(run?.attributes.get("vidu.model")).toBe("viduq2_turbo_extend");
        expect(run?.attributes.get("vidu.task_id")).toBe("t1");
        expect(named("vidu.http POST")[0]?.attributes.get("http.response.status_code")).toBe(200);
        const reads = named("vidu.watcher.read");
        expect(reads.map((span) => [span.attributes.get("vidu.attempt"), span.attributes.get("vidu.check")])).toEqual([
          [1, 0],
          [2, 0],
        ]);
        expect(reads[0]?.attributes.get("vidu.task_id")).toBe("t1");
        expect(reads[0]?.attributes.get("vidu.watcher.queue_depth")).toBe(1);
        const gets = named("vidu.http GET");
        expect(gets.map((span) => span.attributes.get("http.response.status_code"))).toEqual([503, 200]);
        expect(gets[0]?.attributes.get("vidu.pause_ms")).toBe(1_000);
        expect(gets.every((span) => span.parent._tag === "Some")).toBe(true);
      }).pipe(Effect.withTracer(tracer));
    },
  );

  it.effect("a get's retry is a span with its reason and delay", () => {
    const { tracer, named } = collectingTracer();
    return Effect.gen(function* () {
      const { vidu, at } = yield* clockHarness([json(502, {}), json(200, task("pending"))], {
        retry: { jitter: 0 },
      });
      const fiber = yield* Effect.forkChild(vidu.get("t1"));
      yield* at(500);
      yield* Fiber.join(fiber);
      const [retry] = named("vidu.retry");
      expect(Object.fromEntries(retry?.attributes ?? [])).toEqual({
        "vidu.attempt": 1,
        "vidu.retry.reason": "status 502",
        "vidu.retry.delay_ms": 500,
      });
      expect(named("vidu.get")[0]?.attributes.get("vidu.task_id")).toBe("t1");
    }).pipe(Effect.withTracer(tracer));
  });
});
