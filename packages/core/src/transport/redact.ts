// Text that came from the network may quote what we sent, the API key included (some gateways
// echo a bad key back, whole, cut short, lower-cased or inside a base64 `Basic` credential).
// Everything that goes into an error, a log or an answer relayed to others passes through here.
import { encodeBase64 } from "../callbacks/base64.js";

export type Redact = (text: string) => string;

/**
 * Runs of the key's characters at least this long are redacted wherever they appear: a cut-short
 * key still gives most of it away. Shorter runs would match ordinary text.
 */
const MIN_REDACTED_RUN = 8;

const lowerAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The key as it may be quoted: itself, percent-encoded, and base64 (standard and URL-safe) at each byte alignment. */
function formsOf(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = [secret, encodeURIComponent(secret)];
  for (let shift = 0; shift < 3; shift++) {
    // Inside a longer base64 text the key starts at any of three byte alignments; only the
    // characters whose 6 bits all come from the key are kept.
    const encoded = encodeBase64(Uint8Array.from([...new Array<number>(shift).fill(0), ...bytes]));
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms.map(lowerAscii);
}

export function redactor(secret: string | undefined): Redact {
  if (secret === undefined || secret.length < 4) return (text) => text;
  const run = Math.min(MIN_REDACTED_RUN, secret.length);
  const windows = new Set<string>();
  for (const form of formsOf(secret)) for (let i = 0; i + run <= form.length; i++) windows.add(form.slice(i, i + run));
  return (text) => {
    // Case-insensitive, and the same length as `text`, so positions carry over.
    const lower = lowerAscii(text);
    let out = "";
    let copiedTo = 0;
    let coveredTo = -1;
    let start = -1;
    for (let i = 0; i + run <= lower.length; i++) {
      if (!windows.has(lower.slice(i, i + run))) continue;
      if (i > coveredTo) {
        if (start >= 0) {
          out += `${text.slice(copiedTo, start)}[redacted]`;
          copiedTo = coveredTo;
        }
        start = i;
      }
      coveredTo = i + run;
    }
    if (start >= 0) out += `${text.slice(copiedTo, start)}[redacted]`;
    return out + text.slice(start >= 0 ? coveredTo : 0);
  };
}
