// Gateway calls never follow a redirect (real node:http servers, Node's fetch): a followed 307
// would send the create again, to another origin (without the key) or round a same-origin loop.
// A redirect is a clear error; a create is AmbiguousSubmit only when the redirect may mean it was
// handled (303 See Other).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../src/index.js";

const KEY = "vtx-redirect-test-key-71c3e";
const params = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/a.mp4" } as const;
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server answering every request with `status` and Location `location(itsOwnUrl)`; counts what it got. */
async function redirecting(status: number, location: (self: string) => string) {
  const hits: { method: string; authorization: string | undefined }[] = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? "", authorization: req.headers.authorization });
    req.resume();
    res.writeHead(status, { location: location(url) }).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits };
}

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { _tag: string; reason?: string; message: string; status?: number };
  }
  throw new Error("it succeeded");
};

describe("gateway redirects are not followed", () => {
  it("a 307 on create to another origin: one request, none to the other origin, and no task was created", async () => {
    const elsewhere = await redirecting(200, () => "");
    const gateway = await redirecting(307, () => `${elsewhere.url}/model/v1/generation`);
    const error = await failureOf(createClient({ apiKey: KEY, baseUrl: gateway.url }).submit(params));
    expect(error._tag).toBe("UnexpectedResponse");
    expect(error.message).toMatch(/307 redirect to http:\/\/127\.0\.0\.1:\d+\/model\/v1\/generation/);
    expect(error.message).toMatch(/nothing was created/);
    expect(gateway.hits).toHaveLength(1);
    expect(elsewhere.hits).toHaveLength(0);
  });

  it("a same-origin 308 loop on create: one request", async () => {
    const gateway = await redirecting(308, (self) => `${self}/model/v1/generation`);
    const error = await failureOf(createClient({ apiKey: KEY, baseUrl: gateway.url }).submit(params));
    expect(error._tag).toBe("UnexpectedResponse");
    expect(gateway.hits).toHaveLength(1);
  });

  it("a 303 on create may mean it was handled: AmbiguousSubmit (reason redirect), not sent again", async () => {
    const gateway = await redirecting(303, (self) => `${self}/model/v1/generation/task/t1`);
    const error = await failureOf(createClient({ apiKey: KEY, baseUrl: gateway.url }).submit(params));
    expect(error).toMatchObject({ _tag: "AmbiguousSubmit", reason: "redirect", status: 303 });
    expect(error.message).toMatch(/303 redirect/);
    expect(gateway.hits).toHaveLength(1);
  });

  it("a 302 on a read: a clear error, and the key is not taken anywhere else", async () => {
    const elsewhere = await redirecting(200, () => "");
    const gateway = await redirecting(302, () => `${elsewhere.url}/steal?key=${KEY}`);
    const error = await failureOf(
      createClient({ apiKey: KEY, baseUrl: gateway.url, retry: { attempts: 1 } }).get("t1"),
    );
    expect(error._tag).toBe("UnexpectedResponse");
    expect(error.message).toMatch(/302 redirect/);
    expect(error.message).not.toContain(KEY);
    expect(elsewhere.hits).toHaveLength(0);
  });
});
