// A fetch for the core client that asks Prism for a chosen answer (`Prefer: code=…, example=…`)
// per request, and records every exchange: what was sent, what Prism answered, and the request
// violations Prism reported in `sl-violations`.
import type { FetchFn } from "../../src/index.js";

interface PrismViolation {
  readonly location: readonly string[];
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly prefer: string | undefined;
  readonly requestBody: string;
  status?: number;
  violations?: readonly PrismViolation[];
  retryAfter?: string | null;
}

/** What to ask Prism for, given the request and how many of the same method came before it. */
export type Choose = (request: Request, previousOfMethod: number) => string | undefined;

export interface RecordingFetch {
  readonly fetch: FetchFn;
  readonly exchanges: readonly Exchange[];
  readonly count: (method: string) => number;
  /** Every violation Prism reported on any request so far. */
  readonly violations: () => readonly PrismViolation[];
}

function violationsOf(response: Response): PrismViolation[] {
  const header = response.headers.get("sl-violations");
  return header === null ? [] : (JSON.parse(header) as PrismViolation[]);
}

/** `Prefer` values: `prefer({ code: 200, example: "turbo-created" })` → `code=200, example=turbo-created`. */
export const prefer = (choice: { readonly code?: number; readonly example?: string }): string =>
  [
    choice.code === undefined ? undefined : `code=${choice.code}`,
    choice.example === undefined ? undefined : `example=${choice.example}`,
  ]
    .filter((part) => part !== undefined)
    .join(", ");

export function recordingFetch(choose: Choose): RecordingFetch {
  const exchanges: Exchange[] = [];
  const count = (method: string) => exchanges.filter((exchange) => exchange.method === method).length;
  const fetch: FetchFn = async (request) => {
    const chosen = choose(request, count(request.method));
    // Recorded before it is sent, so that a request counts even if its answer never comes.
    const exchange: Exchange = {
      method: request.method,
      path: new URL(request.url).pathname,
      prefer: chosen,
      requestBody: request.body === null ? "" : await request.clone().text(),
    };
    exchanges.push(exchange);
    const headers = new Headers(request.headers);
    if (chosen !== undefined) headers.set("Prefer", chosen);
    const response = await globalThis.fetch(new Request(request, { headers }));
    exchange.status = response.status;
    exchange.violations = violationsOf(response);
    exchange.retryAfter = response.headers.get("retry-after");
    return response;
  };
  return { fetch, exchanges, count, violations: () => exchanges.flatMap((exchange) => exchange.violations ?? []) };
}
