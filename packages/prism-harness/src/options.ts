export interface PrismOptions {
  mode: "mock" | "proxy";
  /** Path to the OpenAPI document; defaults to the bundled `@vidu-extend/spec/openapi.json`. */
  spec?: string;
  /** Proxy mode only, and required there: the base URL Prism forwards to. */
  upstream?: string;
  /** `--errors`: violations become error responses (in proxy mode, a bad upstream answer becomes a 500). */
  errors?: boolean;
  /** Mock mode only: `--dynamic`, generate bodies from the schemas instead of the examples. */
  dynamic?: boolean;
  /** How long Prism may take to start listening; default 30000. */
  readyTimeoutMs?: number;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  /** Also the process group id: the server runs in a group of its own. */
  pid: number;
  /** The last ~64 KB of Prism's stdout and stderr. */
  logs(): string;
  /** Stops the whole process group and resolves once Prism has exited; safe to call repeatedly. */
  stop(): Promise<void>;
}
