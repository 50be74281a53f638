// An id taken from a request path, for the servers that answer the gateway's paths (the simulator,
// the worker): a broken percent-encoding is the caller's mistake (404), not the server's (500).

/** Far above any task or batch id (20 characters), low enough that no lookup is asked for a page of text. */
const MAX_SEGMENT_LENGTH = 200;

/** The decoded segment, or undefined (answer 404) when it is empty, too long or not valid percent-encoding. */
export function pathSegment(raw: string): string | undefined {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return value.length > 0 && value.length <= MAX_SEGMENT_LENGTH ? value : undefined;
}
