// Contract tests against Prism mocking the bundled spec: every operation and named example is
// served and read through the typed client; every seed rule is refused by Prism and by our
// validator on the same field; valid requests pass both.
import { startPrism, type PrismServer } from "@vidu-extend/prism-harness";
import fc from "fast-check";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createGatewayClient } from "../src/client.js";
import { toCreateRequest } from "../src/envelope.js";
import type { ExtendParameters, GatewayErrorBody, GatewayTask } from "../src/types.js";
import { validateExtendParams } from "../src/validation/validate.js";
import { mutations, validParams } from "./arbitraries.js";
import { fieldOf, violationsOf } from "./prism-violations.js";
import { seedRuleCases, validBase } from "./seed-rules.js";

interface ExampleRef {
  readonly $ref?: string;
  readonly value?: unknown;
}
interface Operation {
  readonly responses: Record<
    string,
    { readonly $ref?: string; readonly content?: Record<string, { readonly examples?: Record<string, ExampleRef> }> }
  >;
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@vidu-extend/spec/openapi.json"), "utf8"),
) as {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Operation["responses"][string]>; examples: Record<string, ExampleRef> };
};
const resolve = <T>(node: T & { $ref?: string }, table: Record<string, T>): T =>
  node.$ref === undefined ? node : (table[node.$ref.split("/").pop() as string] as T);

/** Every (operation, status, example name, example value) the spec declares. */
const servedExamples = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(resolve(response, spec.components.responses).content?.["application/json"]?.examples ?? {}).map(
        ([name, example]) => ({
          method: method.toUpperCase(),
          path,
          status: Number(status),
          name,
          value: resolve(example, spec.components.examples).value,
        }),
      ),
    ),
  ),
);

const KEY = "test-key";
let prism: PrismServer;
beforeAll(async () => {
  prism = await startPrism({ mode: "mock" });
});
afterAll(async () => {
  await prism?.stop();
});

const post = (body: unknown) =>
  fetch(`${prism.url}/model/v1/generation`, {
    method: "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("every operation and named example", () => {
  it("declares examples for each task state of each model and each error status", () => {
    const names = new Set(servedExamples.map((e) => `${e.method} ${e.status} ${e.name}`));
    for (const model of ["pro", "turbo"]) {
      for (const state of ["pending", "completed", "failed"]) expect(names).toContain(`GET 200 ${model}-${state}`);
      expect(names).toContain(`POST 200 ${model}-created`);
    }
    const statuses = new Set(servedExamples.map((e) => `${e.method} ${e.status}`));
    for (const status of [400, 401, 403, 429, 500, 502, 503, 504]) expect(statuses).toContain(`POST ${status}`);
    for (const status of [401, 403, 404, 429, 500, 502, 503, 504]) expect(statuses).toContain(`GET ${status}`);
  });

  it.each(servedExamples)(
    "$method $path answers $status $name through the typed client",
    async ({ method, status, name, value }) => {
      const client = createGatewayClient({ baseUrl: prism.url, apiKey: KEY });
      const headers = { Prefer: `code=${status}, example=${name}` };
      const result =
        method === "POST"
          ? await client.POST("/model/v1/generation", {
              body: toCreateRequest({ model: "viduq2_turbo_extend", ...validBase }),
              headers,
            })
          : await client.GET("/model/v1/generation/task/{id}", {
              params: { path: { id: "d758n65e878c73cmdg20" } },
              headers,
            });
      expect(result.response.status).toBe(status);
      expect(violationsOf(result.response)).toEqual([]);
      if (status === 200) {
        expectTypeOf(result.data).toEqualTypeOf<GatewayTask | undefined>();
        expect(result.data).toEqual(value);
      } else {
        expectTypeOf(result.error).toEqualTypeOf<GatewayErrorBody | undefined>();
        expect(result.error).toEqual(value);
        if (status === 429) expect(result.response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
    },
  );

  it("refuses a call without the bearer key", async () => {
    const response = await fetch(`${prism.url}/model/v1/generation/task/abc`);
    expect(response.status).toBe(401);
  });
});

describe("seed rules: Prism and our validator agree", () => {
  const schemaCases = seedRuleCases.filter((c) => c.inSchema);
  const beyondSchema = seedRuleCases.filter((c) => !c.inSchema);

  it.each(schemaCases)("both refuse $name, on $field by $rule", async ({ params, field, rule }) => {
    const model = "viduq2_turbo_extend";
    const ours = validateExtendParams({ model, ...params });
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.violations).toContainEqual(expect.objectContaining({ field, rule }));

    const response = await post(toCreateRequest({ model, ...params } as ExtendParameters));
    expect(response.status).toBe(400);
    const theirs = violationsOf(response).map((v) => ({ field: fieldOf(v), rule: v.code }));
    expect(theirs).toContainEqual({ field, rule });
  });

  it.each(beyondSchema)(
    "only we refuse $name: JSON Schema cannot say it, so Prism finds no violation",
    async ({ params, field, rule }) => {
      const model = "viduq2_pro_extend";
      expect(validateExtendParams({ model, ...params })).toMatchObject({
        ok: false,
        violations: [expect.objectContaining({ field, rule })],
      });
      const response = await post(toCreateRequest({ model, ...params } as ExtendParameters));
      expect(violationsOf(response)).toEqual([]);
      // Prism's own request-size limit (about 10 MB, a 413) is its transport's, not the spec's.
      expect([200, 413]).toContain(response.status);
    },
  );

  it("both accept a valid request, and the contract client sends nothing Prism objects to", async () => {
    const params: ExtendParameters = {
      model: "viduq2_pro_extend",
      ...validBase,
      prompt: "Pull back.",
      duration: 3,
      images: ["https://a.example/end.png"],
    };
    expect(validateExtendParams(params).ok).toBe(true);
    const client = createGatewayClient({ baseUrl: prism.url, apiKey: KEY });
    const created = await client.POST("/model/v1/generation", { body: toCreateRequest(params) });
    expect(created.response.status).toBe(200);
    expect(created.response.headers.get("sl-violations")).toBeNull();
    expect(created.data?.id).toBeTruthy();
    const read = await client.GET("/model/v1/generation/task/{id}", {
      params: { path: { id: created.data?.id ?? "" } },
    });
    expect(read.response.status).toBe(200);
    expect(read.response.headers.get("sl-violations")).toBeNull();
  });
});

describe("properties against Prism", () => {
  it("generated valid parameters pass Prism too", async () => {
    await fc.assert(
      fc.asyncProperty(validParams, async (params) => {
        const response = await post(toCreateRequest(params as ExtendParameters));
        expect(violationsOf(response)).toEqual([]);
        expect(response.status).toBe(200);
      }),
      { numRuns: 40 },
    );
  });

  it.each(mutations.filter((m) => m.inSchema && m.field !== "payload"))(
    "Prism also refuses $name on $field",
    async ({ field, rule, mutate }) => {
      // Prism names no property for additionalProperties: it reports the params object itself.
      const prismField = rule === "additionalProperties" ? "" : field;
      await fc.assert(
        fc.asyncProperty(validParams, mutate, async (params, breakIt) => {
          const response = await post(toCreateRequest(breakIt(params) as ExtendParameters));
          expect(response.status).toBe(400);
          expect(violationsOf(response).map(fieldOf)).toContain(prismField);
        }),
        { numRuns: 8 },
      );
    },
  );
});
