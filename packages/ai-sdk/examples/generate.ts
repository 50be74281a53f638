import { vidu } from "@vidu-extend/ai-sdk";
import { experimental_generateVideo as generateVideo } from "ai";

const { video, warnings } = await generateVideo({
  model: vidu.video("viduq2_turbo_extend"), // reads VTRIX_API_KEY
  prompt: "Pull back to reveal the sunset.",
  duration: 5,
  resolution: "1280x720", // → 720p
  providerOptions: { vidu: { video_url: "https://cdn.example.com/beach.mp4" } },
});
console.log(video.mediaType, video.uint8Array.length, warnings);
