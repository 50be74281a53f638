import type { PrismProcess } from "./prism-process.js";

/**
 * Resolves when Prism prints "Prism is listening on <url>", which it does only after its server has bound.
 * A TCP probe could not tell Prism apart from another process that won the race for the port.
 */
export function waitUntilListening(prism: PrismProcess, url: string, timeoutMs: number): Promise<void> {
  const readyLine = `Prism is listening on ${url}`;
  return new Promise((resolve, reject) => {
    let stdout = "";
    const onData = (chunk: string) => {
      stdout += chunk;
      if (stdout.includes(readyLine)) settle();
    };
    const timer = setTimeout(() => settle(`Prism did not start listening on ${url} within ${timeoutMs} ms`), timeoutMs);
    prism.stdout.on("data", onData);
    void prism.closed.then((how) => settle(`Prism exited (${how}) before listening on ${url}`));

    let settled = false;
    function settle(failure?: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      prism.stdout.off("data", onData);
      if (failure === undefined) resolve();
      else reject(new Error(`${failure}. Its output:\n${prism.logs()}`));
    }
  });
}
