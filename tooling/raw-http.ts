// For receiver tests that send what no HTTP client would (a Host no URL parser takes, a body
// broken off mid-way): writes `text` to a loopback port as is and resolves with the status line
// of the answer, "" when none came. Every request it is given says Connection: close.
import { connect } from "node:net";

export function rawStatusLine(port: number, text: string, brokenOff = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(received.split("\r\n")[0] ?? ""));
    socket.write(text);
    if (brokenOff) socket.destroy();
  });
}
