import { EXIT_HELP } from "./exit-codes.js";

export const HELP = `vidu-extend: extend videos with the Vidu Q2 models on the Vtrix gateway.

Without VTRIX_API_KEY, commands use a local gateway simulator started in-process (and say so).
With it, they use the real gateway (VTRIX_BASE_URL overrides its address).

Usage:
  vidu-extend extend --model pro|turbo (--video-url <url> | --video-creation-id <id>) [options]
  vidu-extend status <task id> [--json]
  vidu-extend wait <task id> [--timeout <duration>] [--output <file>] [--json]
  vidu-extend verify-callback [--file <captured request> | stdin] [--secret-stdin | --secret <key>] [--url <callback url>] [--max-skew <s>] [--json]
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

On a terminal, a live line shows the status, progress, elapsed time and task id. Ctrl-C stops
waiting without cancelling the task, and prints how to resume.

${EXIT_HELP}
`;
