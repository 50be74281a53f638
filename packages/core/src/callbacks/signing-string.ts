// The string the provider signs (the spec's `task-status` webhook description). Pure, so the worked example can be
// checked byte for byte and the signer and the verifier cannot drift apart.

export interface SigningStringInput {
  readonly method: string;
  /** The URL the provider posted to. Only its path and raw query are signed. */
  readonly url: string | URL;
  readonly accessKey: string;
  /** The `Date` header, exactly as sent. */
  readonly date: string;
  /** The names listed in `X-HMAC-SIGNED-HEADERS`, in that order, spelled as listed. */
  readonly signedHeaderNames: readonly string[];
  /** The value of a request header, whatever the case of `name` (the caller makes sure each one exists). */
  readonly headerValue: (name: string) => string;
}

/**
 * `METHOD\npath\nquery\naccessKey\nDate\n` then `Name:value\n` per signed header.
 * A path-only `url` (what a Node server sees as `req.url`) is given a placeholder origin, which
 * is not signed. Prefixing rather than resolving keeps `//a/b` a path, not a host.
 */
export function signingString(input: SigningStringInput): string {
  const url = typeof input.url === "string" ? parseUrl(input.url) : input.url;
  const path = url.pathname === "" ? "/" : url.pathname;
  const query = url.search.slice(1);
  const signedHeaders = input.signedHeaderNames.map((name) => `${name}:${input.headerValue(name)}\n`).join("");
  return `${input.method.toUpperCase()}\n${path}\n${query}\n${input.accessKey}\n${input.date}\n${signedHeaders}`;
}

const parseUrl = (url: string): URL => new URL(url.startsWith("/") ? `http://localhost${url}` : url);
