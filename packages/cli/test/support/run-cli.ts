// Runs the BUILT cli (dist/main.js) as a real process: a controlled environment (never the
// VTRIX_* variables of whoever runs the tests, unless a test sets them), stdout, stderr and the
// exit code collected, and a bounded run time after which the process is killed and the test
// fails with what it had printed so far.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build the cli first (pnpm --filter @vidu-extend/cli build)`);
}

export interface CliResult {
  /** The exit code; null when the process died of a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit. */
  readonly ms: number;
}

export interface RunOptions {
  /** Added to the controlled environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Written to stdin, which is then closed (stdin is empty otherwise). */
  readonly input?: string;
  /** The process is killed (and the run rejected) after this long. Default 20 s. */
  readonly timeoutMs?: number;
}

/**
 * The environment a cli run sees: only what a shell needs, never VTRIX_API_KEY or VTRIX_BASE_URL
 * from the parent (a developer's real key must not turn a test into a real, billed request).
 */
function cliEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  env["SHELL"] = "/bin/sh";
  env["TERM"] = "xterm";
  // The embedded simulator's seed is random per run for users; tests reproduce theirs.
  env["VIDU_EXTEND_SIMULATOR_SEED"] = "1";
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** What was printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout + stderr match `pattern`; rejects after timeoutMs or if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  signal(name: NodeJS.Signals): void;
  readonly result: Promise<CliResult>;
}

function describeRun(args: readonly string[], stdout: string, stderr: string): string {
  return `vidu-extend ${args.join(" ")}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
}

/** Starts a process and collects its output; `result` settles when it exits (or is killed at the deadline). */
function track(
  command: string,
  argv: readonly string[],
  shown: readonly string[],
  options: RunOptions & { readonly stdin: "pipe" | "ignore" },
): CliProcess {
  const started = performance.now();
  const child = spawn(command, [...argv], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    stdio: [options.stdin, "pipe", "pipe"],
    // Its own process group, so that the deadline kills it with whatever it started (script → sh → node).
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    notify();
  });
  if (options.stdin === "pipe") {
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.input ?? "");
  }
  const timeoutMs = options.timeoutMs ?? 20_000;
  let exited = false;
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      reject(new Error(`still running after ${timeoutMs} ms, killed: ${describeRun(shown, stdout, stderr)}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      exited = true;
      notify();
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
  // A rejected result nobody awaited yet must not become an unhandled rejection before the test reads it.
  result.catch(() => {});

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    signal: (name) => {
      if (!exited) child.kill(name);
    },
    result,
    waitFor: (pattern, waitMs = 10_000) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = `${stdout}\n${stderr}`.match(pattern);
          if (match !== null) {
            done();
            resolve(match);
          } else if (exited) {
            done();
            reject(new Error(`the process ended before printing ${pattern}: ${describeRun(shown, stdout, stderr)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${waitMs} ms: ${describeRun(shown, stdout, stderr)}`));
        }, waitMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Starts `node dist/main.js …args` (stdout is a pipe: not a TTY). */
export function startCli(args: readonly string[], options: RunOptions = {}): CliProcess {
  return track(process.execPath, [CLI, ...args], args, { ...options, stdin: "pipe" });
}

/** Runs `node dist/main.js …args` to the end. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Whether script(1) is here, which runCliInTty needs (tty.test.ts makes its absence fail on CI). */
export const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Runs the cli under a pseudo-terminal (util-linux `script -qfec … /dev/null`), so that its stdout
 * is a TTY. The output is what the terminal received: newlines come back as \r\n.
 */
export function runCliInTty(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(" ");
  return track("script", ["-qfec", command, "/dev/null"], args, { ...options, stdin: "ignore" }).result;
}

/** Every line of a run's output, with the terminal's \r\n taken as \n. */
export const lines = (text: string): string[] => text.replace(/\r\n/g, "\n").split("\n");
