import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { expect, it, vi } from "vitest";
import { freeLoopbackPort } from "../src/free-loopback-port.js";
import { startPrism } from "../src/index.js";

vi.mock(import("../src/free-loopback-port.js"), async (importOriginal) => {
  const actual = await importOriginal();
  return { freeLoopbackPort: vi.fn(actual.freeLoopbackPort) };
});

it("retries on another port when the chosen one is taken before Prism binds it", async () => {
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
  const taken = (squatter.address() as AddressInfo).port;
  vi.mocked(freeLoopbackPort).mockResolvedValueOnce(taken);

  const prism = await startPrism({ mode: "mock" });
  try {
    expect(prism.port).not.toBe(taken);
    expect(freeLoopbackPort).toHaveBeenCalledTimes(2);
  } finally {
    await prism.stop();
    squatter.close();
  }
});
