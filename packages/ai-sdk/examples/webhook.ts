import { createServer } from "node:http";
import type { Experimental_VideoModelV4OperationWebhook as Delivery } from "@ai-sdk/provider";
import { vidu } from "@vidu-extend/ai-sdk";
import { experimental_generateVideo as generateVideo } from "ai";

const { video } = await generateVideo({
  model: vidu.video("pro"),
  prompt: "Fly over the ridge.",
  providerOptions: { vidu: { video_url: "https://cdn.example.com/ridge.mp4" } },
  poll: { timeoutMs: 15 * 60_000 },
  // Your public endpoint: resolve `received` with the delivery as it arrived; the provider checks it.
  webhook: async () => {
    let deliver!: (delivery: Delivery) => void;
    const received = new Promise<Delivery>((resolve) => (deliver = resolve));
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        res.end();
        server.close();
        deliver({ headers: req.headers as Record<string, string>, body: JSON.parse(body) });
      });
    }).listen(8080, "127.0.0.1"); // loopback: your tunnel or proxy makes it public
    return { url: "https://hooks.example.com/vidu", received };
  },
});
console.log(video.uint8Array.length);
