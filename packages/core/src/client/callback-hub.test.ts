import { describe, expect, it } from "vitest";
import { normalizeTask } from "../task/normalize.js";
import type { Task } from "../task/task.js";
import { createCallbackHub } from "./callback-hub.js";

const event = (status: string, id = "t1"): Task => normalizeTask({ id, status } as never);

describe("the callback hub", () => {
  it("keeps the last event of a task for keepMs, so a wait that subscribes late hears it", () => {
    let now = 0;
    const hub = createCallbackHub({ keepMs: 1_000, now: () => now });
    hub.publish(event("completed"));
    const heard: string[] = [];
    hub.subscribe("t1", (task) => heard.push(task.status))();
    now = 1_000;
    hub.subscribe("t1", (task) => heard.push(`late ${task.status}`))();
    expect(heard).toEqual(["completed"]);
  });

  it("does not let a late progress delivery replace the terminal event it keeps", () => {
    const hub = createCallbackHub();
    hub.publish(event("completed"));
    hub.publish(event("in_progress"));
    const heard: string[] = [];
    hub.subscribe("t1", (task) => heard.push(task.status));
    expect(heard).toEqual(["completed"]);
  });

  it("isolates listeners: a throwing one is reported, the others still hear, publish never throws", () => {
    const reported: string[] = [];
    const hub = createCallbackHub({ onListenerError: (error, task) => reported.push(`${task.id}: ${String(error)}`) });
    const heard: string[] = [];
    hub.subscribe("t1", () => {
      throw new Error("listener bug");
    });
    hub.subscribe("t1", (task) => heard.push(task.status));
    expect(() => hub.publish(event("in_progress"))).not.toThrow();
    expect(heard).toEqual(["in_progress"]);
    expect(reported).toEqual(["t1: Error: listener bug"]);
  });

  it("refuses a url that is not http(s), naming the field", () => {
    expect(() => createCallbackHub({ url: "ftp://example.com/cb" })).toThrow(
      expect.objectContaining({ _tag: "ValidationError", violations: [expect.objectContaining({ field: "url" })] }),
    );
    expect(createCallbackHub({ url: "https://app.example.com/vidu/callback" }).url).toBe(
      "https://app.example.com/vidu/callback",
    );
  });
});
