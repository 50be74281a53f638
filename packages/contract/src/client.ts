// The typed transport: openapi-fetch over the generated paths, with base URL, key and fetch
// supplied by the caller.
import createClient, { type Client } from "openapi-fetch";
import { contractData } from "./generated/contract-data.js";
import type { paths } from "./types.js";

export type GatewayClient = Client<paths>;

export interface GatewayClientOptions {
  /** Default: the spec's server, https://cloud.vtrix.ai. */
  // `| undefined`: `{ baseUrl: process.env.VTRIX_BASE_URL }` compiles under exactOptionalPropertyTypes.
  readonly baseUrl?: string | undefined;
  /** Sent as `Authorization: Bearer <apiKey>`; omit it for a keyless proxy. */
  readonly apiKey?: string | undefined;
  /** Default: the global fetch. openapi-fetch calls it with a `Request`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly headers?: Readonly<Record<string, string>>;
}

export const DEFAULT_BASE_URL: string = contractData.serverUrl;

export function createGatewayClient(options: GatewayClientOptions = {}): GatewayClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined) headers["Authorization"] = `Bearer ${options.apiKey}`;
  return createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    headers,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}
