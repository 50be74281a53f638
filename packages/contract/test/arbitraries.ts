// fast-check arbitraries over the valid parameter space, and one mutation per rule that breaks
// exactly that rule. Limits, options and codes are read from the generated contract data.
import fc from "fast-check";
import { contractData } from "../src/generated/contract-data.js";
import { dataUri, png } from "./images.js";

const props = contractData.params.properties;
const imageRules = props.images.items["x-data-uri"];
const [minRatio, maxRatio] = [imageRules.aspectRatio.min, imageRules.aspectRatio.max];

type Params = Record<string, unknown>;

const httpUrl = fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true });
const nonBlank = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /\S/u.test(s));
/** Code points, astral ones included, so that a UTF-16 count would be wrong. */
const text = (maxLength: number) => fc.string({ unit: "binary", maxLength });

/** A PNG whose aspect ratio lies within the spec's bounds. */
const imageWithin = fc
  .record({ width: fc.integer({ min: 1, max: 64 }), height: fc.integer({ min: 1, max: 64 }) })
  .filter(({ width, height }) => width / height >= minRatio && width / height <= maxRatio)
  .map(({ width, height }) => dataUri("png", png(width, height)));
const imageOutside = fc
  .record({ width: fc.integer({ min: 1, max: 256 }), height: fc.integer({ min: 1, max: 256 }) })
  .filter(({ width, height }) => width / height < minRatio || width / height > maxRatio)
  .map(({ width, height }) => dataUri("png", png(width, height)));

export const validParams: fc.Arbitrary<Params> = fc
  .tuple(
    fc.constantFrom(...contractData.models),
    fc.oneof(
      httpUrl.map((video_url) => ({ video_url })),
      nonBlank.map((video_creation_id) => ({ video_creation_id })),
    ),
    fc.record(
      {
        images: fc.tuple(fc.oneof(httpUrl, imageWithin)),
        prompt: text(props.prompt.maxLength),
        resolution: fc.constantFrom(...props.resolution.enum),
        duration: fc.integer({ min: props.duration.minimum, max: props.duration.maximum }),
        watermark: fc.boolean(),
        wm_url: httpUrl,
        wm_position: fc.constantFrom(...props.wm_position.enum),
        meta_data: fc
          .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), { maxKeys: 4 })
          .map((o) => JSON.stringify(o)),
        payload: text(64),
        callback_url: httpUrl,
      },
      { requiredKeys: [] },
    ),
  )
  .map(([model, source, rest]) => ({ model, ...source, ...rest }));

export interface Mutation {
  readonly name: string;
  readonly field: string;
  readonly rule: string;
  /** The property whose `x-error-codes` apply, or undefined when the seed gives no code. */
  readonly codesOf: { readonly [model: string]: string } | undefined;
  /** False for rules JSON Schema (and so Prism) cannot express. */
  readonly inSchema: boolean;
  readonly mutate: fc.Arbitrary<(params: Params) => Params>;
}

const withoutSource = ({ video_url: _u, video_creation_id: _c, ...rest }: Params): Params => rest;
const set = (key: string, value: fc.Arbitrary<unknown>) => value.map((v) => (p: Params) => ({ ...p, [key]: v }));
const setSource = (key: string, value: fc.Arbitrary<unknown>) =>
  value.map((v) => (p: Params) => ({ ...withoutSource(p), [key]: v }));
const codes = (schema: { readonly "x-error-codes"?: { readonly [model: string]: string } }) => schema["x-error-codes"];
const sourceCodes = codes(contractData.params);

export const mutations: readonly Mutation[] = [
  {
    name: "no video source",
    field: "video_url|video_creation_id",
    rule: "oneOf",
    codesOf: sourceCodes,
    inSchema: true,
    mutate: fc.constant(withoutSource),
  },
  {
    name: "both video sources",
    field: "video_url|video_creation_id",
    rule: "oneOf",
    codesOf: sourceCodes,
    inSchema: true,
    mutate: fc.tuple(httpUrl, nonBlank).map(([video_url, video_creation_id]) => (p: Params) => ({
      ...p,
      video_url,
      video_creation_id,
    })),
  },
  {
    name: "video URL of another scheme",
    field: "video_url",
    rule: "pattern",
    codesOf: codes(props.video_url),
    inSchema: true,
    mutate: setSource(
      "video_url",
      fc.tuple(fc.constantFrom("ftp", "file", "ws", "rtsp"), fc.domain()).map(([s, d]) => `${s}://${d}/v.mp4`),
    ),
  },
  {
    name: "blank video creation id",
    field: "video_creation_id",
    rule: "pattern",
    codesOf: codes(props.video_creation_id),
    inSchema: true,
    mutate: setSource("video_creation_id", fc.stringMatching(/^[ \t]{0,5}$/)),
  },
  {
    name: "prompt too long",
    field: "prompt",
    rule: "maxLength",
    codesOf: codes(props.prompt),
    inSchema: true,
    mutate: set(
      "prompt",
      fc.string({ unit: "binary", minLength: props.prompt.maxLength + 1, maxLength: props.prompt.maxLength + 5 }),
    ),
  },
  {
    name: "duration out of range",
    field: "duration",
    rule: "range",
    codesOf: codes(props.duration),
    inSchema: true,
    mutate: set(
      "duration",
      fc.oneof(fc.integer({ max: props.duration.minimum - 1 }), fc.integer({ min: props.duration.maximum + 1 })),
    ),
  },
  {
    name: "fractional duration",
    field: "duration",
    rule: "type",
    codesOf: codes(props.duration),
    inSchema: true,
    mutate: set("duration", fc.double({ noNaN: true, noInteger: true, noDefaultInfinity: true })),
  },
  {
    name: "unknown resolution",
    field: "resolution",
    rule: "enum",
    codesOf: codes(props.resolution),
    inSchema: true,
    mutate: set(
      "resolution",
      fc.string().filter((s) => !(props.resolution.enum as readonly string[]).includes(s)),
    ),
  },
  {
    name: "too many images",
    field: "images",
    rule: "maxItems",
    codesOf: codes(props.images),
    inSchema: true,
    mutate: set("images", fc.array(httpUrl, { minLength: props.images.maxItems + 1, maxLength: 4 })),
  },
  {
    name: "image in another format",
    field: "images[0]",
    rule: "pattern",
    codesOf: codes(props.images.items),
    inSchema: true,
    mutate: set(
      "images",
      fc.constantFrom("data:image/gif;base64,R0lGODlh", "ftp://a.example/x.png", "image.png").map((i) => [i]),
    ),
  },
  {
    name: "image outside the aspect ratio",
    field: "images[0]",
    rule: "aspectRatio",
    codesOf: codes(imageRules),
    inSchema: false,
    mutate: set(
      "images",
      imageOutside.map((i) => [i]),
    ),
  },
  {
    name: "payload too long",
    field: "payload",
    rule: "maxLength",
    codesOf: codes(props.payload),
    inSchema: true,
    mutate: fc.constant((p: Params) => ({ ...p, payload: "x".repeat(props.payload.maxLength + 1) })),
  },
  {
    name: "callback URL of another scheme",
    field: "callback_url",
    rule: "pattern",
    codesOf: codes(props.callback_url),
    inSchema: true,
    mutate: set(
      "callback_url",
      fc.domain().map((d) => `${d}/callback`),
    ),
  },
  {
    name: "unknown watermark position",
    field: "wm_position",
    rule: "enum",
    codesOf: undefined,
    inSchema: true,
    mutate: set("wm_position", fc.constantFrom("center", "TOP_LEFT", "")),
  },
  {
    name: "watermark not a boolean",
    field: "watermark",
    rule: "type",
    codesOf: undefined,
    inSchema: true,
    mutate: set("watermark", fc.constantFrom("true", 1, 0, null)),
  },
  {
    name: "unknown parameter",
    field: "seed",
    rule: "additionalProperties",
    codesOf: undefined,
    inSchema: true,
    mutate: set("seed", fc.integer()),
  },
];
