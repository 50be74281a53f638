// One request-breaking case per seed rule, with the field, the rule and the seed code's last two
// digits (pro 0080120NN, turbo 0080130NN). Shared by the validator, property and Prism tests.
import { dataUri, png } from "./images.js";

export const validBase = { video_url: "https://cdn.example.com/clips/beach-5s.mp4" } as const;

export interface SeedRuleCase {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly field: string;
  readonly rule: string;
  readonly nn: string;
  /** Whether JSON Schema (and so Prism) can express the rule at all. */
  readonly inSchema: boolean;
}

export const seedRuleCases: readonly SeedRuleCase[] = [
  {
    name: "no video source",
    params: {},
    field: "video_url|video_creation_id",
    rule: "oneOf",
    nn: "01",
    inSchema: true,
  },
  {
    name: "both video sources",
    params: { ...validBase, video_creation_id: "8123" },
    field: "video_url|video_creation_id",
    rule: "oneOf",
    nn: "01",
    inSchema: true,
  },
  {
    name: "a non-http video URL",
    params: { video_url: "ftp://cdn.example.com/a.mp4" },
    field: "video_url",
    rule: "pattern",
    nn: "02",
    inSchema: true,
  },
  {
    name: "an empty video creation id",
    params: { video_creation_id: "" },
    field: "video_creation_id",
    rule: "pattern",
    nn: "03",
    inSchema: true,
  },
  {
    name: "a blank video creation id",
    params: { video_creation_id: "   " },
    field: "video_creation_id",
    rule: "pattern",
    nn: "03",
    inSchema: true,
  },
  {
    name: "a 2001-character prompt",
    params: { ...validBase, prompt: "x".repeat(2001) },
    field: "prompt",
    rule: "maxLength",
    nn: "04",
    inSchema: true,
  },
  {
    name: "a zero duration",
    params: { ...validBase, duration: 0 },
    field: "duration",
    rule: "minimum",
    nn: "05",
    inSchema: true,
  },
  {
    name: "an 8-second duration",
    params: { ...validBase, duration: 8 },
    field: "duration",
    rule: "maximum",
    nn: "05",
    inSchema: true,
  },
  {
    name: "a fractional duration",
    params: { ...validBase, duration: 2.5 },
    field: "duration",
    rule: "type",
    nn: "05",
    inSchema: true,
  },
  {
    name: "a duration as text",
    params: { ...validBase, duration: "5" },
    field: "duration",
    rule: "type",
    nn: "05",
    inSchema: true,
  },
  {
    name: "an unknown resolution",
    params: { ...validBase, resolution: "4k" },
    field: "resolution",
    rule: "enum",
    nn: "06",
    inSchema: true,
  },
  {
    name: "two images",
    params: { ...validBase, images: ["https://a.example/1.png", "https://a.example/2.png"] },
    field: "images",
    rule: "maxItems",
    nn: "07",
    inSchema: true,
  },
  {
    name: "no image in the list",
    params: { ...validBase, images: [] },
    field: "images",
    rule: "minItems",
    nn: "07",
    inSchema: true,
  },
  {
    name: "a GIF data URI",
    params: { ...validBase, images: ["data:image/gif;base64,R0lGODlh"] },
    field: "images[0]",
    rule: "pattern",
    nn: "08",
    inSchema: true,
  },
  {
    name: "a data URI without its content type",
    params: { ...validBase, images: ["iVBORw0KGgo="] },
    field: "images[0]",
    rule: "pattern",
    nn: "08",
    inSchema: true,
  },
  {
    name: "an image wider than 4:1",
    params: { ...validBase, images: [dataUri("png", png(500, 100))] },
    field: "images[0]",
    rule: "aspectRatio",
    nn: "09",
    inSchema: false,
  },
  {
    name: "an image over 10 MB decoded",
    params: { ...validBase, images: [dataUri("png", png(8, 8, 10 * 1024 * 1024 + 1))] },
    field: "images[0]",
    rule: "maxDecodedBytes",
    nn: "09",
    inSchema: false,
  },
  {
    name: "a payload over 1,048,576 characters",
    params: { ...validBase, payload: "x".repeat(1_048_577) },
    field: "payload",
    rule: "maxLength",
    nn: "10",
    inSchema: true,
  },
  {
    name: "a callback URL without http(s)",
    params: { ...validBase, callback_url: "hooks.example.com/cb" },
    field: "callback_url",
    rule: "pattern",
    nn: "11",
    inSchema: true,
  },
];
