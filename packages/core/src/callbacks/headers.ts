// The six callback headers, and reading them from a fetch `Headers` or from a Node-style record
// (`req.headers`: lower-cased names, a string or, for repeated headers, an array).

/** Header names as the provider documents them. */
export const HEADER = {
  date: "Date",
  nonce: "x-request-nonce",
  signedHeaders: "X-HMAC-SIGNED-HEADERS",
  signature: "X-HMAC-SIGNATURE",
  algorithm: "X-HMAC-ALGORITHM",
  accessKey: "X-HMAC-ACCESS-KEY",
} as const;

export type HeaderInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A case-insensitive lookup. An absent, empty or blank header reads as undefined. A repeated
 * header reads as its values joined with ", ", as `Headers.get` does, so both inputs behave the
 * same (a repeated Date or nonce then fails its own check).
 */
export function headerReader(headers: HeaderInput): (name: string) => string | undefined {
  if (isHeaders(headers)) return (name) => present(headers.get(name));
  const byLowerName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : value.join(", ");
    const lower = name.toLowerCase();
    const previous = byLowerName.get(lower);
    byLowerName.set(lower, previous === undefined ? text : `${previous}, ${text}`);
  }
  return (name) => present(byLowerName.get(name.toLowerCase()));
}

// Duck-typed: a Headers from another realm or another fetch implementation fails instanceof.
const isHeaders = (headers: HeaderInput): headers is Headers => typeof (headers as Headers).get === "function";

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
