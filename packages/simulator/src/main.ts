#!/usr/bin/env node
// `vidu-simulator` / `pnpm --filter @vidu-extend/simulator start`: the simulated gateway in the
// foreground, printing its URL and key, until Ctrl-C.
import { parseArgs } from "node:util";
import type { CallbackFaults, EndpointFaults, SimulatorOptions } from "./options.js";
import { startSimulator } from "./simulator.js";

const HELP = `Usage: vidu-simulator [options]

A local Vtrix gateway for viduq2_pro_extend and viduq2_turbo_extend (loopback only by default).

  --port <n>              port to listen on (default: a free one)
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
  -h, --help
`;

const { values } = parseArgs({
  options: {
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
  },
});
if (values.help === true) {
  process.stdout.write(HELP);
  process.exit(0);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got ${JSON.stringify(text)}`);
  return value;
}

function pairs(name: string, items: readonly string[] | undefined): [string, string][] {
  return (items ?? []).map((item) => {
    const at = item.indexOf("=");
    if (at < 1) throw new Error(`--${name} takes name=value, got ${JSON.stringify(item)}`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

const faults: { create: Record<string, number>; read: Record<string, number> } = { create: {}, read: {} };
for (const [path, value] of pairs("fault", values.fault)) {
  const [endpoint, knob] = path.split(".");
  if ((endpoint !== "create" && endpoint !== "read") || knob === undefined)
    throw new Error(`--fault ${path}: expected create.<knob> or read.<knob>`);
  faults[endpoint][knob] = number(`fault ${path}`, value) ?? 0;
}
const callbackFaults: Record<string, number | boolean> = {};
for (const [knob, value] of pairs("callback-fault", values["callback-fault"])) {
  callbackFaults[knob] =
    value === "true" ? true : value === "false" ? false : (number(`callback-fault ${knob}`, value) ?? 0);
}
if (values.timing !== undefined && values.timing !== "fast" && values.timing !== "realistic") {
  throw new Error(`--timing must be fast or realistic, got ${JSON.stringify(values.timing)}`);
}

if (values["turbo-output"] !== undefined && values["turbo-output"] !== "flat" && values["turbo-output"] !== "content") {
  throw new Error(`--turbo-output must be flat or content, got ${JSON.stringify(values["turbo-output"])}`);
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
const options: SimulatorOptions = {
  ...optional("port", number("port", values.port)),
  ...optional("host", values.host),
  ...optional("keys", values.key),
  ...optional("timing", values.timing as "fast" | "realistic" | undefined),
  ...optional("failureRate", number("failure-rate", values["failure-rate"])),
  ...optional("seed", number("seed", values.seed)),
  ...optional("maxInProgressPerKey", number("max-in-progress", values["max-in-progress"])),
  ...optional("credits", number("credits", values.credits)),
  ...optional("resultTtlMs", number("result-ttl", values["result-ttl"])),
  ...optional("turboOutput", values["turbo-output"] as "flat" | "content" | undefined),
  faults: faults as { create: EndpointFaults; read: EndpointFaults },
  callbacks: callbackFaults as CallbackFaults,
};

const simulator = await startSimulator(options);
process.stdout.write(
  `Vidu gateway simulator listening on ${simulator.url}\n` +
    `  API key: ${simulator.key}\n` +
    `  export VTRIX_BASE_URL=${simulator.url} VTRIX_API_KEY=${simulator.key}\n` +
    "Press Ctrl-C to stop.\n",
);
const stop = () => void simulator.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
