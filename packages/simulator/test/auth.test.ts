// Bearer auth and per-key visibility, as the spec's 401 and 404 answers say.
import { createClient, TaskNotFound, Unauthorized } from "@vidu-extend/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type Simulator } from "../src/index.js";
import { createTask, envelope, getTask, postCreate, readPath } from "./support/http.js";

const KEY_A = "key-a-0123456789";
const KEY_B = "key-b-9876543210";

let sim: Simulator;
let taskOfA: string;
beforeAll(async () => {
  sim = await startSimulator({ clock: manualClock(), keys: [KEY_A, KEY_B] });
  taskOfA = (await createTask(sim.url, KEY_A, "viduq2_pro_extend")).id;
});
afterAll(async () => {
  await sim?.close();
});

/** The spec's NestedError: `{"error": {"code", "message"}}`, nothing else. */
async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(await response.json()).toEqual({ error: { code, message: expect.stringMatching(/\S/) } });
}

describe("auth", () => {
  it("a create or read with no key is 401 with the spec's error shape, and creates nothing", async () => {
    const before = sim.stats();
    await expectError(await postCreate(sim.url, envelope("viduq2_pro_extend"), undefined), 401, "unauthorized");
    await expectError(await getTask(sim.url, taskOfA, undefined), 401, "unauthorized");
    expect(sim.stats()).toMatchObject({ creates: before.creates, recorded: before.recorded, reads: before.reads });
  });

  it("a wrong key, a key of another scheme, or an empty bearer is 401", async () => {
    await expectError(await postCreate(sim.url, envelope("viduq2_turbo_extend"), "not-a-key"), 401, "unauthorized");
    await expectError(await getTask(sim.url, taskOfA, "not-a-key"), 401, "unauthorized");
    for (const authorization of [`Basic ${KEY_A}`, "Bearer ", KEY_A, `Bearer ${KEY_A}x`]) {
      await expectError(
        await fetch(`${sim.url}${readPath(taskOfA)}`, { headers: { authorization } }),
        401,
        "unauthorized",
      );
    }
  });

  it("the bearer scheme is case-insensitive and the key is trimmed", async () => {
    const response = await fetch(`${sim.url}${readPath(taskOfA)}`, { headers: { authorization: `bearer   ${KEY_A}` } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it("the core maps a wrong key to Unauthorized, without the key in the message", async () => {
    const error = await createClient({ apiKey: "sk-wrong-key-visible", baseUrl: sim.url })
      .get(taskOfA)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unauthorized);
    expect(error).toMatchObject({ _tag: "Unauthorized", status: 401, code: "unauthorized" });
    expect(String((error as Error).message)).not.toContain("sk-wrong-key-visible");
  });
});

describe("visibility", () => {
  it("a task created with key A is 404 for key B, and 200 for key A", async () => {
    await expectError(await getTask(sim.url, taskOfA, KEY_B), 404, "not_found");
    const own = await getTask(sim.url, taskOfA, KEY_A);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: taskOfA });
  });

  it("an unknown id is 404, and the core maps it to TaskNotFound", async () => {
    await expectError(await getTask(sim.url, "d0000000000000000000", KEY_A), 404, "not_found");
    const error = await createClient({ apiKey: KEY_B, baseUrl: sim.url })
      .get(taskOfA)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskNotFound);
    expect(error).toMatchObject({ _tag: "TaskNotFound", taskId: taskOfA });
  });

  it("an unknown route is 404, and GET on the create path is 404 (not 401) only after auth", async () => {
    await expectError(
      await fetch(`${sim.url}/model/v2/generation`, { headers: { authorization: `Bearer ${KEY_A}` } }),
      404,
      "not_found",
    );
    await expectError(
      await fetch(`${sim.url}/model/v1/generation`, { headers: { authorization: `Bearer ${KEY_A}` } }),
      404,
      "not_found",
    );
    await expectError(await fetch(`${sim.url}/model/v1/generation`), 401, "unauthorized");
  });

  it("a task id with malformed percent-encoding is 404 not_found, not a 500 the client would retry", async () => {
    // Regression: a broken percent-encoding used to escape as a 500 that clients would retry.
    await expectError(await getTask(sim.url, "%E0%A4%A", KEY_A), 404, "not_found");
    await expectError(await fetch(`${sim.url}/files/%ZZ/extended.mp4`), 404, "not_found");
  });
});
