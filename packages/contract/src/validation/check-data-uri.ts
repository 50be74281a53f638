// What JSON Schema cannot say about a data-URI image (the spec's `x-data-uri`): its decoded
// size, and its aspect ratio read from the image header.
import type { DataUriRules, ErrorCodesByModel } from "../contract-data-types.js";
import { report, type CheckContext } from "./context.js";
import { Base64Bytes, parseDataUri } from "./data-uri.js";
import { describe } from "./describe.js";
import { readImageSize } from "./image-size.js";

export function checkDataUri(
  rules: DataUriRules,
  formatCodes: ErrorCodesByModel | undefined,
  value: string,
  field: string,
  ctx: CheckContext,
): void {
  const dataUri = parseDataUri(value);
  if (dataUri === undefined) return; // a URL: its image is not fetched here
  const sizeCodes = rules["x-error-codes"];
  const bytes = new Base64Bytes(dataUri.base64);

  if (rules.maxDecodedBytes !== undefined && bytes.length > rules.maxDecodedBytes) {
    report(ctx, sizeCodes, {
      field,
      rule: "maxDecodedBytes",
      message: `${field} decodes to ${describe.bytes(bytes.length)}; at most ${describe.bytes(rules.maxDecodedBytes)} is allowed`,
    });
  }
  const ratio = rules.aspectRatio;
  if (ratio === undefined) return;
  const size = readImageSize(bytes);
  if (size === undefined || size.width === 0 || size.height === 0) {
    report(ctx, formatCodes, {
      field,
      rule: "imageData",
      message: `${field} says ${dataUri.mediaType} but its data is not a readable PNG, JPEG or WebP image`,
    });
    return;
  }
  // Symmetric bounds (1:4..4:1) make EXIF rotation irrelevant: w/h and h/w pass or fail together.
  const aspect = size.width / size.height;
  if (aspect < ratio.min || aspect > ratio.max) {
    report(ctx, sizeCodes, {
      field,
      rule: "aspectRatio",
      message: `${field} is ${size.width}×${size.height}; its aspect ratio must lie within ${ratioText(ratio.min)}..${ratioText(ratio.max)}`,
    });
  }
}

const ratioText = (ratio: number): string => (ratio >= 1 ? `${ratio}:1` : `1:${1 / ratio}`);
