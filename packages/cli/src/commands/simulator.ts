// `vidu-extend simulator`: the local gateway in the foreground until Ctrl-C.
import { parseArgs } from "node:util";
import { startSimulator } from "@vidu-extend/simulator";
import type { Context } from "../context.js";
import { UsageError } from "../failure.js";

export async function simulator(args: readonly string[], ctx: Context): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: "string" },
      key: { type: "string", multiple: true },
      timing: { type: "string" },
      "failure-rate": { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  if (values.timing !== undefined && values.timing !== "fast" && values.timing !== "realistic")
    throw new UsageError("--timing is fast or realistic");
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(text)}`);
    return value;
  };
  const port = number("port", values.port);
  const failureRate = number("failure-rate", values["failure-rate"]);
  const seed = number("seed", values.seed);
  const sim = await startSimulator({
    ...(port === undefined ? {} : { port }),
    ...(values.key === undefined ? {} : { keys: values.key }),
    ...(values.timing === undefined ? {} : { timing: values.timing as "fast" | "realistic" }),
    ...(failureRate === undefined ? {} : { failureRate }),
    ...(seed === undefined ? {} : { seed }),
  });
  ctx.out.write(
    `Vidu gateway simulator listening on ${sim.url}\n  API key: ${sim.key}\n  export VTRIX_BASE_URL=${sim.url} VTRIX_API_KEY=${sim.key}\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
  await sim.close();
}
