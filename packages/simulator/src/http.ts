// JSON answers and the CORS headers every answer carries (browser pages call the simulator directly).
import type { ServerResponse } from "node:http";

export const CORS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, prefer, range",
  "access-control-expose-headers": "retry-after, content-length, content-range",
  "access-control-max-age": "600",
};

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** The gateway's error shape. */
export const error = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void => send(res, status, { error: { code, message } }, headers);
