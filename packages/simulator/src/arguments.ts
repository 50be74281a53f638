// The simulator's command-line knobs, in one place: `vidu-simulator` and `vidu-extend simulator`
// both parse with this and print this help, so the two can never list different knobs.
import { parseArgs } from "node:util";
import type { CallbackFaults, EndpointFaults, SimulatorOptions } from "./options.js";

/** A command line the simulator cannot run with; the message names the flag and the rule. */
export class SimulatorArgumentError extends Error {
  override readonly name = "SimulatorArgumentError";
}

/** Every knob, one per line (or two), with its default. */
export const SIMULATOR_OPTIONS_HELP = `  --port <n>              port to listen on (default: a free one)
  --host <address>        address to listen on (default 127.0.0.1)
  --key <key>             accepted API key; repeat for more (default sim-key)
  --timing fast|realistic about 1–1.5 s per task (default) or 20–30 s
  --failure-rate <0..1>   fraction of tasks that fail with a seed failure code (default 0)
  --seed <n>              seed of ids, failures and faults (default 1)
  --max-in-progress <n>   tasks in progress per key; the rest wait (default 5)
  --credits <n>           credits per key, one per second of duration (default unlimited)
  --result-ttl <ms>       how long result video URLs work (default 86400000, 24 h as upstream)
  --turbo-output flat|content  shape of turbo outputs (default flat; content wraps as pro does)
  --fault <e.name=value>  e = create or read; name = rate429, rate500, rate502, rate503, rate504,
                          retryAfterSeconds, dropBeforeRecord, dropAfterRecord (create only),
                          malformedRate, truncatedRate, slowRate, slowMs
                          e.g. --fault create.rate503=0.1 --fault read.rate429=0.2
  --callback-fault <name=value>  duplicateRate, replayRate, missignRate (0..1), delayMs,
                          reorder=true
  -h, --help              this help`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  key: { type: "string", multiple: true },
  timing: { type: "string" },
  "failure-rate": { type: "string" },
  seed: { type: "string" },
  "max-in-progress": { type: "string" },
  credits: { type: "string" },
  "result-ttl": { type: "string" },
  "turbo-output": { type: "string" },
  fault: { type: "string", multiple: true },
  "callback-fault": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

export type SimulatorArguments = { readonly help: true } | { readonly help: false; readonly options: SimulatorOptions };

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value))
    throw new SimulatorArgumentError(`--${name} must be a number, got ${JSON.stringify(text)}`);
  return value;
}

function port(text: string | undefined): number | undefined {
  const value = number("port", text);
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 65_535))
    throw new SimulatorArgumentError(`--port must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return value;
}

function pairs(name: string, items: readonly string[] | undefined): [string, string][] {
  return (items ?? []).map((item) => {
    const at = item.indexOf("=");
    if (at < 1) throw new SimulatorArgumentError(`--${name} takes name=value, got ${JSON.stringify(item)}`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

const ENDPOINT_KNOBS = new Set([
  "rate429",
  "retryAfterSeconds",
  "rate500",
  "rate502",
  "rate503",
  "rate504",
  "dropBeforeRecord",
  "dropAfterRecord",
  "slowRate",
  "slowMs",
  "malformedRate",
  "truncatedRate",
]);
const CALLBACK_KNOBS = new Set(["duplicateRate", "replayRate", "missignRate", "delayMs", "reorder"]);

/**
 * The simulator's options from its command line. A lone `--` is skipped: `pnpm start -- --help`
 * (pnpm 10 passes the `--` through) means the same as `--help`.
 */
export function parseSimulatorArguments(args: readonly string[]): SimulatorArguments {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: args.filter((arg) => arg !== "--"), options: OPTIONS, strict: true }));
  } catch (error) {
    throw new SimulatorArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { help: true };

  const faults: { create: Record<string, number>; read: Record<string, number> } = { create: {}, read: {} };
  for (const [path, value] of pairs("fault", values.fault)) {
    const [endpoint, knob = ""] = path.split(".");
    if ((endpoint !== "create" && endpoint !== "read") || !ENDPOINT_KNOBS.has(knob))
      throw new SimulatorArgumentError(
        `--fault ${path}: expected create.<knob> or read.<knob>, knob one of ${[...ENDPOINT_KNOBS].join(", ")}`,
      );
    faults[endpoint][knob] = number(`fault ${path}`, value) ?? 0;
  }
  const callbackFaults: Record<string, number | boolean> = {};
  for (const [knob, value] of pairs("callback-fault", values["callback-fault"])) {
    if (!CALLBACK_KNOBS.has(knob))
      throw new SimulatorArgumentError(
        `--callback-fault ${knob}: knob one of ${[...CALLBACK_KNOBS].join(", ")}, got ${JSON.stringify(knob)}`,
      );
    callbackFaults[knob] =
      value === "true" ? true : value === "false" ? false : (number(`callback-fault ${knob}`, value) ?? 0);
  }
  if (values.timing !== undefined && values.timing !== "fast" && values.timing !== "realistic")
    throw new SimulatorArgumentError(`--timing must be fast or realistic, got ${JSON.stringify(values.timing)}`);
  const turboOutput = values["turbo-output"];
  if (turboOutput !== undefined && turboOutput !== "flat" && turboOutput !== "content")
    throw new SimulatorArgumentError(`--turbo-output must be flat or content, got ${JSON.stringify(turboOutput)}`);

  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    help: false,
    options: {
      ...optional("port", port(values.port)),
      ...optional("host", values.host),
      ...optional("keys", values.key),
      ...optional("timing", values.timing as "fast" | "realistic" | undefined),
      ...optional("failureRate", number("failure-rate", values["failure-rate"])),
      ...optional("seed", number("seed", values.seed)),
      ...optional("maxInProgressPerKey", number("max-in-progress", values["max-in-progress"])),
      ...optional("credits", number("credits", values.credits)),
      ...optional("resultTtlMs", number("result-ttl", values["result-ttl"])),
      ...optional("turboOutput", turboOutput),
      faults: faults as { create: EndpointFaults; read: EndpointFaults },
      callbacks: callbackFaults as CallbackFaults,
    },
  };
}

/** What a started simulator prints: where it is and how to point a client at it. */
export const listeningMessage = (url: string, key: string) =>
  `Vidu gateway simulator listening on ${url}\n  API key: ${key}\n  export VTRIX_BASE_URL=${url} VTRIX_API_KEY=${key}\nPress Ctrl-C to stop.\n`;
