// The callback body: bounded before anything else is done with it, and parsed only after the
// signature checks out. It is NOT signed, so what it says is a claim until confirmed.
import type { GatewayTask } from "@vidu-extend/contract";
import { CallbackRejected } from "../errors/index.js";

export type CallbackBody = string | Uint8Array;

const encoder = new TextEncoder();

/**
 * Whether the body's UTF-8 encoding is over `maxBytes`. A string never encodes to fewer bytes
 * than it has UTF-16 units, so a long one is refused before any copy is made.
 */
export function isOver(body: CallbackBody, maxBytes: number): boolean {
  if (typeof body !== "string") return body.byteLength > maxBytes;
  return body.length > maxBytes || encoder.encode(body).byteLength > maxBytes;
}

export const bodyTooLarge = (maxBodyBytes: number): CallbackRejected =>
  new CallbackRejected({
    reason: "too-large",
    message: `the callback body is over maxBodyBytes (${maxBodyBytes} bytes); a task body is a few KB, so raise maxBodyBytes only if real deliveries are this large`,
  });

/** The task the body claims, or what is wrong with it (worded to follow "the callback body"). */
export function parseTaskBody(body: CallbackBody): { readonly task: GatewayTask } | { readonly problem: string } {
  let text: string;
  try {
    text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { problem: "is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "is not a JSON object" };
  const fields = value as Record<string, unknown>;
  if (typeof fields["id"] !== "string" || fields["id"] === "") return { problem: "has no string `id`" };
  if (typeof fields["status"] !== "string") return { problem: "has no string `status`" };
  return { task: value as GatewayTask };
}
