import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrism, type PrismServer } from "../src/index.js";

const TASK_PATH = "/model/v1/generation/task";

/** Answers `.../task/valid` with a task that fits the spec and any other id with one that lacks the required `id`. */
function startUpstream(): Promise<Server> {
  const server = createServer((request, response) => {
    const task = request.url === `${TASK_PATH}/valid` ? { id: "valid", status: "completed" } : { status: "completed" };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(task));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("startPrism in proxy mode with errors", () => {
  let upstream: Server;
  let prism: PrismServer;

  beforeAll(async () => {
    upstream = await startUpstream();
    const { port } = upstream.address() as AddressInfo;
    prism = await startPrism({ mode: "proxy", upstream: `http://127.0.0.1:${port}`, errors: true });
  });

  afterAll(async () => {
    await prism?.stop();
    upstream?.close();
  });

  const getTask = (id: string) => fetch(`${prism.url}${TASK_PATH}/${id}`, { headers: { Authorization: "Bearer k" } });

  it("passes a valid upstream answer through untouched", async () => {
    const response = await getTask("valid");

    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toEqual({ id: "valid", status: "completed" });
  });

  it("turns an upstream answer that violates the spec into a 500 problem", async () => {
    const response = await getTask("broken");

    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("sl-violations")).toContain("must have required property 'id'");
    expect(await response.json()).toMatchObject({
      type: "https://stoplight.io/prism/errors#VIOLATIONS",
      status: 500,
      validation: [{ location: ["response", "body"], severity: "Error", code: "required" }],
    });
  });
});
