// A simulated task as the gateway sends it, in each model's own shapes (the seeds differ):
// pro answers `output[].content[]` and an integer error code, turbo a flat `output[]` (or, with
// turboOutput "content", the wrapped one) and a string code.
import { seedCodeInfo } from "@vidu-extend/contract";
import type { SimTask } from "./tasks.js";

const seconds = (ms: number) => Math.floor(ms / 1000);

function videoPath(task: SimTask): string {
  return `/files/${task.id}/extended.mp4`;
}

export function taskBody(task: SimTask, baseUrl: string): Record<string, unknown> {
  const pro = task.model === "viduq2_pro_extend";
  const body: Record<string, unknown> = {
    id: task.id,
    model: task.model,
    created_at: seconds(task.createdAt),
    status: task.status,
    metadata: {
      in_queue_at: seconds(task.createdAt),
      ...(task.startedAt === undefined ? {} : { started_at: seconds(task.startedAt) }),
      ...(task.finishedAt === undefined ? {} : { completed_at: seconds(task.finishedAt) }),
    },
  };
  if (task.startedAt !== undefined && task.finishedAt === undefined) body["progress"] = task.progress;
  if (task.status === "completed") {
    const url = `${baseUrl}${videoPath(task)}`;
    body["output"] =
      task.outputShape === "content"
        ? [{ content: [{ type: "video", url }], jobId: task.jobId }]
        : [{ type: "video", url, jobId: task.jobId }];
    const duration = task.params.duration ?? 5;
    body["usage"] = {
      model: pro ? "viduq2-pro" : "viduq2-turbo",
      duration,
      resolution: task.params.resolution ?? "720p",
      credits: duration,
    };
  }
  if (task.status === "failed" && task.failure !== undefined) {
    const message = seedCodeInfo(task.failure)?.description ?? "Generation failed";
    body["error"] = pro ? { code: Number(task.failure), error_message: message } : { code: task.failure, message };
  }
  return body;
}
