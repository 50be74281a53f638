import { EXIT_HELP } from "./exit-codes.js";

export const HELP = `vidu-extend: extend videos with the Vidu Q2 models on the Vtrix gateway.

Without VTRIX_API_KEY, commands use a local gateway simulator started in-process (and say so).
With it, they use the real gateway (VTRIX_BASE_URL overrides its address).

Usage:
  vidu-extend extend --model pro|turbo (--video-url <url> | --video-creation-id <id>) [options]
  vidu-extend batch <jobs.jsonl|jobs.csv> --out <dir> [--concurrency 5] [--max-credits N] [--poll <duration>] [--json]
  vidu-extend batch --resume <dir> [--concurrency N] [--max-credits N] [--resend-ambiguous] [--json]
  vidu-extend status <task id> [--json]
  vidu-extend wait <task id> [--timeout <duration>] [--output <file>] [--json]
  vidu-extend verify-callback [--file <captured request> | stdin] [--secret <key>] [--url <callback url>] [--max-skew <s>] [--json]
  vidu-extend simulator [--port <n>] [--key <key>] [--timing fast|realistic] [--failure-rate <0..1>] [--seed <n>]

extend parameters (checked against the spec before anything is sent):
  --model <pro|turbo|viduq2_pro_extend|viduq2_turbo_extend>
  --video-url <url>            the video to extend (4 s to 1 min), or
  --video-creation-id <id>     a Vidu video id
  --image <path|url>           the end frame; a local png/jpeg/webp becomes a data URI (≤ 10 MB, 1:4..4:1)
  --prompt <text>              ≤ 2000 characters
  --duration <1..7>            seconds (default 5)
  --resolution <540p|720p|1080p>   (default 720p)
  --watermark                  add a watermark; --wm-url <image url>, --wm-position <top_left|top_right|bottom_right|bottom_left>
  --meta-data <json object>    --payload <text ≤ 1048576 chars>    --callback-url <http(s) url>

extend behaviour:
  --wait / --no-wait           wait for the result (default: wait on a terminal, or with --output / --listen-callbacks)
  --listen-callbacks           receive, verify and use the callbacks locally (first of callback or poll wins)
  --callback-port <n>          the local port for --listen-callbacks (default: a free one)
  --output, -o <file>          download the finished video
  --timeout <duration>         give up waiting after this (e.g. 90, 90s, 10m; default 10m)
  --json                       machine-readable output on stdout; notes on stderr

batch: one job per line, named like the extend flags (JSONL objects, or CSV with a header row):
  model (pro, turbo or a full id), video-url | video-creation-id, image (CSV: a|b), prompt, duration,
  resolution, watermark, wm-url, wm-position, meta-data, payload, callback-url; optional key (unique)
  and output (the video's file name in <dir>; default <key>.mp4 or job-NNNN.mp4).
  Every line is checked first: any problem → exit 3 listing every one by line, nothing sent.
  --concurrency <n>            tasks in flight at once (default 5, the upstream cap): a job holds its
                               slot from its create until its task finishes
  --max-credits <n>            start no job once finished tasks reported n credits (exit 12)
  --ambiguous-hold <duration>  how long a job whose create may have reached the gateway keeps its
                               slot (its task may run unseen; default 2m)
  --poll <duration>            read each task at this fixed interval (default 2s, growing to 8s)
  --resend-ambiguous           with --resume: send those jobs AGAIN (a task may already exist and be
                               billed: the API has no idempotency key)
  <dir> gets batch.json (the plan), journal.jsonl (each create is recorded before it is sent),
  results.jsonl (line, key, task id, status, file, credits, error), summary.json and the videos.
  A 429 pauses every create of the batch. Ctrl-C stops starting jobs and prints the resume command;
  vidu-extend batch --resume <dir> continues after anything, kill -9 included: a job with a task id
  is waited for, never resent; a job whose create was in flight is reported ambiguous, not resent.
  Exit: 0 all completed, 7 some ambiguous (first), 8 some failed, 130 Ctrl-C, 9 some unfinished,
  12 --max-credits reached. A terminal shows one live block; otherwise one line per change.

On a terminal, a live line shows the status, progress, elapsed time and task id. Ctrl-C stops
waiting without cancelling the task, and prints how to resume.

${EXIT_HELP}
`;
