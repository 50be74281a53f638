// A local image as the data URI the API takes, checked before anything is sent: a readable
// PNG, JPEG or WebP, within the spec's decoded size and aspect ratio.
import { readFile, stat } from "node:fs/promises";
import { checkParameter, contractData, describeBytes, type ModelId } from "@vidu-extend/contract";
import { TaggedViduError, ValidationError } from "@vidu-extend/core";

/** A local image that cannot become the `images[0]` parameter; `reason` is the rule it breaks. */
export class ImageFileError extends TaggedViduError("ImageFileError")<{
  readonly field: "images[0]";
  readonly path: string;
  readonly reason: "unreadable" | "unsupported-type" | "too-large";
  readonly message: string;
}> {
  readonly retryable: boolean = false;
  readonly mayHaveBilled: boolean = false;
}

const SIGNATURES: readonly (readonly [string, (bytes: Buffer) => boolean])[] = [
  ["png", (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ["jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["webp", (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP"],
];

const maxBytes = contractData.params.properties.images.items["x-data-uri"].maxDecodedBytes;

/**
 * Reads `path` and answers `data:image/<type>;base64,…`. Fails with ImageFileError when the file
 * cannot be read, is not a PNG/JPEG/WebP, or is over the decoded-size limit, and with
 * ValidationError (the spec's rule and, given `model`, its seed code) when its aspect ratio is out.
 */
export async function imageFromFile(path: string, options: { readonly model?: ModelId } = {}): Promise<string> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) {
      throw new ImageFileError({
        field: "images[0]",
        path,
        reason: "too-large",
        message: `images[0]: ${path} is ${size} bytes; an image may be at most ${maxBytes} bytes (${describeBytes(maxBytes)}): resize it, or pass an image URL`,
      });
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ImageFileError) throw error;
    throw new ImageFileError({
      field: "images[0]",
      path,
      reason: "unreadable",
      message: `images[0]: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const type = SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
  if (type === undefined) {
    throw new ImageFileError({
      field: "images[0]",
      path,
      reason: "unsupported-type",
      message: `images[0]: ${path} is not a PNG, JPEG or WebP image (the only formats the models take)`,
    });
  }
  const dataUri = `data:image/${type};base64,${bytes.toString("base64")}`;
  // The spec's own image rules (aspect ratio read from the header), with this model's codes.
  const violations = checkParameter("images", [dataUri], options.model).map((v) => ({
    ...v,
    message: `${path}: ${v.message}`,
  }));
  if (violations.length > 0) throw new ValidationError({ source: "client", violations, warnings: [] });
  return dataUri;
}
