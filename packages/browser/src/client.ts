// The browser's createClient: the core Promise client pointed at your proxy, with no API key
// unless the caller explicitly accepts publishing it.
import { createClient as createCoreClient, type ClientOptions, type ViduClient } from "@vidu-extend/core";
import { BrowserApiKeyError } from "./api-key-error.js";

export interface BrowserClientOptions extends Omit<ClientOptions, "baseUrl" | "apiKey"> {
  /**
   * Your proxy, which adds the API key server-side (e.g. `https://vidu.example.workers.dev`, or
   * `/api/vidu` on the page's own origin). Required: the gateway itself needs a key.
   */
  readonly baseUrl: string;
  /** Refused (BrowserApiKeyError) unless `dangerouslyAllowApiKeyInBrowser` is true: the page would publish it. */
  readonly apiKey?: string;
  /** Sends `apiKey` from the page. Anyone who opens the page can read it and spend the balance. */
  readonly dangerouslyAllowApiKeyInBrowser?: boolean;
}

/** The core options these browser options stand for, refusing a missing proxy or an unconsented key. */
export function checkedOptions(options: BrowserClientOptions): ClientOptions {
  if (typeof options?.baseUrl !== "string" || options.baseUrl.trim() === "") {
    throw new TypeError(
      "@vidu-extend/browser needs baseUrl: the URL of your proxy, which adds the API key server-side",
    );
  }
  const { apiKey, dangerouslyAllowApiKeyInBrowser, ...rest } = options;
  if (apiKey !== undefined && dangerouslyAllowApiKeyInBrowser !== true) throw new BrowserApiKeyError();
  return apiKey === undefined ? rest : { ...rest, apiKey };
}

export function createClient(options: BrowserClientOptions): ViduClient {
  return createCoreClient(checkedOptions(options));
}
