// Requests the simulator must refuse: each seed rule broken (with the last two digits of its seed
// code), and each fault of the create envelope.
import { VIDEO_URL, type Params } from "./http.js";
import { pngDataUri } from "./png.js";

/** Each broken rule, the parameters that break it, and the last two digits of its seed code. */
export const RULES: readonly { readonly rule: string; readonly params: Params; readonly code: string }[] = [
  { rule: "no video source", params: { prompt: "a beach" }, code: "01" },
  { rule: "both video sources", params: { video_url: VIDEO_URL, video_creation_id: "812345678901234567" }, code: "01" },
  { rule: "video_url not http(s)", params: { video_url: "not a url" }, code: "02" },
  { rule: "blank video_creation_id", params: { video_creation_id: "   " }, code: "03" },
  { rule: "prompt of 2001 characters", params: { video_url: VIDEO_URL, prompt: "a".repeat(2001) }, code: "04" },
  {
    rule: "prompt of 2001 code points (4002 UTF-16 units)",
    params: { video_url: VIDEO_URL, prompt: "😀".repeat(2001) },
    code: "04",
  },
  { rule: "duration 9", params: { video_url: VIDEO_URL, duration: 9 }, code: "05" },
  { rule: "duration 0", params: { video_url: VIDEO_URL, duration: 0 }, code: "05" },
  { rule: "duration 2.5", params: { video_url: VIDEO_URL, duration: 2.5 }, code: "05" },
  { rule: "resolution 4k", params: { video_url: VIDEO_URL, resolution: "4k" }, code: "06" },
  {
    rule: "two images",
    params: { video_url: VIDEO_URL, images: ["https://cdn.example.com/1.png", "https://cdn.example.com/2.png"] },
    code: "07",
  },
  { rule: "an empty image list", params: { video_url: VIDEO_URL, images: [] }, code: "07" },
  {
    rule: "a GIF data URI",
    params: { video_url: VIDEO_URL, images: ["data:image/gif;base64,R0lGODlhAQABAAAAACw="] },
    code: "08",
  },
  {
    rule: "a PNG data URI that holds no PNG",
    params: { video_url: VIDEO_URL, images: ["data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] },
    code: "08",
  },
  {
    rule: "a 500x100 PNG (aspect ratio 5:1)",
    params: { video_url: VIDEO_URL, images: [pngDataUri(500, 100)] },
    code: "09",
  },
  {
    rule: "a 100x401 PNG (aspect ratio beyond 1:4)",
    params: { video_url: VIDEO_URL, images: [pngDataUri(100, 401)] },
    code: "09",
  },
  {
    rule: "payload of 1048577 characters",
    params: { video_url: VIDEO_URL, payload: "x".repeat(1_048_577) },
    code: "10",
  },
  {
    rule: "callback_url ftp://",
    params: { video_url: VIDEO_URL, callback_url: "ftp://hooks.example.com/x" },
    code: "11",
  },
  {
    rule: "callback_url with a space",
    params: { video_url: VIDEO_URL, callback_url: "https://hooks.example.com/a b" },
    code: "11",
  },
];

/** Envelopes the simulator refuses with 400 invalid_request. */
export const ENVELOPES: readonly { readonly what: string; readonly body: unknown }[] = [
  {
    what: "model inside params",
    body: { model: "viduq2_pro_extend", input: [{ params: { model: "viduq2_pro_extend", video_url: VIDEO_URL } }] },
  },
  {
    what: "two jobs",
    body: {
      model: "viduq2_turbo_extend",
      input: [{ params: { video_url: VIDEO_URL } }, { params: { video_url: VIDEO_URL } }],
    },
  },
  { what: "no job", body: { model: "viduq2_turbo_extend", input: [] } },
  { what: "input not a list", body: { model: "viduq2_turbo_extend", input: { params: { video_url: VIDEO_URL } } } },
  {
    what: "an unknown top-level field",
    body: { model: "viduq2_pro_extend", input: [{ params: { video_url: VIDEO_URL } }], priority: 1 },
  },
  {
    what: "a job with more than params",
    body: { model: "viduq2_pro_extend", input: [{ params: { video_url: VIDEO_URL }, id: 1 }] },
  },
  { what: "params not an object", body: { model: "viduq2_pro_extend", input: [{ params: [VIDEO_URL] }] } },
  { what: "a JSON array", body: [] },
  { what: "a JSON string", body: "viduq2_pro_extend" },
];
