import { createServer } from "node:net";

/** A port that was free on 127.0.0.1 a moment ago; another process may still take it before you bind it. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error(`Unexpected address for a TCP listener: ${String(address)}`));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
