// --listen-callbacks: a local receiver that verifies every delivery (signature, date window,
// nonce, and the body confirmed by re-reading the task) and hands verified events to the wait.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { callbackHandler, createCallbackHub, memoryNonceStore, type CallbackHub, type Task } from "@vidu-extend/node";

export interface CallbackListener {
  readonly hub: CallbackHub;
  /** The URL to pass as callback_url. */
  readonly url: string;
  readonly counts: { verified: number; rejected: number };
  close(): Promise<void>;
}

export async function listenForCallbacks(options: {
  readonly secret: string;
  readonly port: number;
  /** The callback_url given to the gateway when it differs from the local URL (a tunnel, a proxy). */
  readonly publicUrl: string | undefined;
  readonly confirm: (taskId: string) => Promise<Task>;
  readonly note: (line: string) => void;
}): Promise<CallbackListener> {
  const hub = createCallbackHub();
  const counts = { verified: 0, rejected: 0 };
  const handle = callbackHandler({
    secret: options.secret,
    hub,
    nonceStore: memoryNonceStore(),
    confirm: options.confirm,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    onEvent: (event) => {
      counts.verified++;
      options.note(`callback verified: ${event.task.status}${event.confirmed ? " (confirmed with the API)" : ""}`);
    },
    onRejected: (rejection) => {
      counts.rejected++;
      options.note(`callback REJECTED (${rejection.reason}): ${rejection.message}`);
    },
    onCallbackError: (error, where) =>
      options.note(
        `callback receiver: the ${where} handler failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  // The handler answers every request itself and never rejects (see callbackHandler).
  const server = createServer((req, res) => void handle(req, res));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vidu/callback`;
  return {
    hub,
    url: options.publicUrl ?? local,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
