// `vidu-extend --help`: the commands, the environment and the exit codes. The extend parameters'
// ranges, sizes and choices are read from the generated contract, so a limit changed in the spec
// shows here after `npm run generate` with no other edit.
import { contractData, type ContractData, type ParamSchema } from "@vidu-extend/contract";
import type { Command } from "./command.js";
import { EXIT_HELP } from "./exit-codes.js";
import { modelNames } from "./params.js";
import { SEED_ENV } from "./target.js";

export function overview(commands: Readonly<Record<string, Command>>): string {
  return `vidu-extend: extend videos with the Vidu Q2 models on the Vtrix gateway.

Usage:
${Object.values(commands)
  .map((command) => `  ${command.usage}`)
  .join("\n")}
  vidu-extend <command> --help     that command's options
  vidu-extend --version

Environment:
  VTRIX_API_KEY               the gateway key. Without it, every command uses a local gateway
                              simulator started in-process (and says so); its tasks end with the command.
  VTRIX_BASE_URL              the gateway's address (default ${contractData.serverUrl})
  ${SEED_ENV}  the embedded simulator's seed (default: random per run)

${EXIT_HELP}
`;
}

const CHARS = (n: number) => `${n.toLocaleString("en-US")} characters`;

/** 10485760 → "10 MB" (the pages' MB are 2^20 bytes). */
function megabytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** 0.25 → "1:4", 4 → "4:1". */
const ratio = (r: number) => (r >= 1 ? `${r}:1` : `1:${1 / r}`);

const choices = (schema: ParamSchema | undefined) => (schema?.enum ?? []).join("|");
const defaulted = (schema: ParamSchema | undefined) =>
  schema?.default === undefined ? "" : ` (default ${String(schema.default)})`;

/** The extend command's parameter flags, each with the spec's rule. */
export function extendParameterHelp(data: ContractData = contractData): string {
  const p = (name: string) => data.params.properties?.[name];
  const images = p("images");
  const dataUri = images?.items?.["x-data-uri"];
  const imageRules = [
    dataUri?.maxDecodedBytes === undefined ? undefined : `≤ ${megabytes(dataUri.maxDecodedBytes)}`,
    dataUri?.aspectRatio === undefined
      ? undefined
      : `aspect ratio ${ratio(dataUri.aspectRatio.min)} to ${ratio(dataUri.aspectRatio.max)}`,
  ].filter((rule) => rule !== undefined);
  const duration = p("duration");
  const prompt = p("prompt");
  const payload = p("payload");
  const count = images?.maxItems === 1 ? "one image" : `up to ${images?.maxItems} images (repeat the flag)`;
  const rows: [string, string][] = [
    [`--model <${[...modelNames(data).keys()].join("|")}>`, "the model"],
    ["--video-url <url>", "the video to extend, or"],
    ["--video-creation-id <id>", "a Vidu video id"],
    [
      "--image <path|url>",
      `the end frame, ${count}; a local PNG, JPEG or WebP becomes a data URI${imageRules.length === 0 ? "" : ` (${imageRules.join(", ")})`}`,
    ],
    ["--prompt <text>", prompt?.maxLength === undefined ? "" : `at most ${CHARS(prompt.maxLength)}`],
    [`--duration <${duration?.minimum}..${duration?.maximum}>`, `seconds${defaulted(duration)}`],
    [`--resolution <${choices(p("resolution"))}>`, defaulted(p("resolution")).trim()],
    ["--watermark", `add a watermark${defaulted(p("watermark"))}`],
    ["--wm-url <image url>", "the watermark image (with --watermark)"],
    [`--wm-position <${choices(p("wm_position"))}>`, `with --watermark${defaulted(p("wm_position"))}`],
    ["--meta-data <json object>", "metadata, a JSON object"],
    [
      "--payload <text>",
      `passed through to the callback${payload?.maxLength === undefined ? "" : `, at most ${CHARS(payload.maxLength)}`}`,
    ],
    ["--callback-url <http(s) url>", "where the gateway posts status changes"],
  ];
  return rows
    .map(([flag, text]) => (flag.length > 30 ? `  ${flag}\n${" ".repeat(33)}${text}` : `  ${flag.padEnd(30)} ${text}`))
    .map((line) => line.trimEnd())
    .join("\n");
}
