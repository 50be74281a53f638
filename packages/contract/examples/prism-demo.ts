// The contract end to end against Prism mocking the spec: a bad request refused before it is
// sent, a valid one submitted through the typed client, and its task read until it completes.
import { startPrism } from "@vidu-extend/prism-harness";
import { createGatewayClient, toCreateRequest, validateExtendParams, type ExtendParameters } from "../src/index.js";

const log = (line: string) => console.log(line);
const prism = await startPrism({ mode: "mock" });
try {
  log(`Prism is mocking the spec at ${prism.url}\n`);

  const bad = {
    model: "viduq2_turbo_extend",
    video_url: "ftp://example.com/a.mp4",
    duration: 9,
    prompt: "x".repeat(2001),
  };
  const refused = validateExtendParams(bad);
  log("1. An invalid request is refused before anything is sent:");
  if (!refused.ok) for (const v of refused.violations) log(`   ${v.code ?? "—"}  ${v.field} (${v.rule}): ${v.message}`);

  const params: ExtendParameters = {
    model: "viduq2_turbo_extend",
    video_url: "https://cdn.example.com/clips/beach-5s.mp4",
    prompt: "The camera pulls back to reveal the whole beach at sunset.",
    duration: 5,
  };
  const checked = validateExtendParams(params);
  if (!checked.ok) throw new Error("the demo's own request should be valid");
  const client = createGatewayClient({ baseUrl: prism.url, apiKey: "demo-key" });
  const created = await client.POST("/model/v1/generation", { body: toCreateRequest(checked.value) });
  if (created.data === undefined) throw new Error(`create failed: ${created.response.status}`);
  log(
    `\n2. Submitted: task ${created.data.id} is ${created.data.status} (Prism found ${created.response.headers.get("sl-violations") === null ? "no" : "some"} contract violations)`,
  );

  log("\n3. Reading the task (Prism serves the spec's named examples in turn):");
  for (const example of ["turbo-pending", "turbo-processing", "turbo-completed"]) {
    const read = await client.GET("/model/v1/generation/task/{id}", {
      params: { path: { id: created.data.id } },
      headers: { Prefer: `example=${example}` },
    });
    const task = read.data;
    if (task === undefined) throw new Error(`read failed: ${read.response.status}`);
    const progress = task.progress === undefined ? "" : ` ${Math.round(task.progress * 100)}%`;
    log(`   ${task.status}${progress}`);
    const first = task.output?.[0];
    if (first !== undefined)
      log(`   video: ${"url" in first ? first.url : first.content[0]?.url} (CDN link, expires: download it promptly)`);
  }
  log("\nContract demo finished: validation, typed transport and the spec's examples agree.");
} finally {
  await prism.stop();
}
