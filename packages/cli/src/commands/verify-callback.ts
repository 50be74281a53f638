// `vidu-extend verify-callback`: checks a captured delivery (a file or stdin), either as JSON
// `{method, url, headers, body}` or as the raw HTTP request text, and says whether to trust it.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  CALLBACK_HEADERS,
  DEFAULT_MAX_SKEW_MS,
  ENV,
  memoryNonceStore,
  verifyCallback,
  type CallbackRequest,
} from "@vidu-extend/node";
import type { Command } from "../command.js";
import { printJson, type Context } from "../context.js";
import { UsageError } from "../failure.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** `POST /path?q HTTP/1.1\r\nHeader: v\r\n…\r\n\r\nbody`, or the JSON form. */
function parseCaptured(text: string, url: string | undefined): CallbackRequest {
  if (text.trimStart().startsWith("{")) {
    let captured: Partial<{ method: string; url: string; headers: Record<string, string>; body: unknown }>;
    try {
      captured = JSON.parse(text) as typeof captured;
    } catch (error) {
      throw new UsageError(
        `the captured request looks like JSON but does not parse: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (captured.headers === undefined || captured.body === undefined)
      throw new UsageError("the captured JSON needs headers and body (and url, or --url)");
    const body = typeof captured.body === "string" ? captured.body : JSON.stringify(captured.body);
    return { method: captured.method ?? "POST", url: url ?? captured.url ?? "/", headers: captured.headers, body };
  }
  const split = text.search(/\r?\n\r?\n/);
  if (split < 0) throw new UsageError("the captured request has no blank line between the headers and the body");
  const [requestLine = "", ...headerLines] = text.slice(0, split).split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)/.exec(requestLine);
  if (match === null)
    throw new UsageError(
      `the first line ${JSON.stringify(requestLine)} is not an HTTP request line (e.g. POST /callback HTTP/1.1)`,
    );
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = text.slice(split).replace(/^\r?\n\r?\n/, "");
  return { method: match[1] as string, url: url ?? (match[2] as string), headers, body };
}

/**
 * The signing secret: --secret-stdin (the first line of stdin), --secret, or VTRIX_API_KEY. A
 * value on the command line is visible to every user of the machine (ps), so the other two are
 * the ones to use on a shared host.
 */
async function readSecret(
  values: { readonly secret?: string | undefined; readonly "secret-stdin"?: boolean | undefined },
  captureFromStdin: boolean,
  ctx: Context,
): Promise<string> {
  if (values["secret-stdin"] === true) {
    if (values.secret !== undefined) throw new UsageError("give the secret once: --secret or --secret-stdin, not both");
    if (captureFromStdin)
      throw new UsageError(
        "--secret-stdin reads the secret from stdin, so the captured request must come from --file <path>",
      );
    const secret = (await readAll(ctx.stdin)).split(/\r?\n/)[0]?.trim() ?? "";
    if (secret === "") throw new UsageError("--secret-stdin: stdin held no secret (one line: the API key)");
    return secret;
  }
  const secret = values.secret ?? ctx.env[ENV.apiKey];
  if (secret === undefined || secret === "")
    throw new UsageError(
      `verify-callback needs the signing secret: ${ENV.apiKey}, --secret-stdin (with --file), or --secret <api key>`,
    );
  return secret;
}

async function verifyCallbackCommand(args: readonly string[], ctx: Context): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      secret: { type: "string" },
      "secret-stdin": { type: "boolean" },
      file: { type: "string" },
      url: { type: "string" },
      "max-skew": { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const fromStdin = values.file === undefined || values.file === "-";
  const secret = await readSecret(values, fromStdin, ctx);
  if (fromStdin && (ctx.stdin as NodeJS.ReadStream).isTTY === true) {
    throw new UsageError(
      "verify-callback reads the captured request from --file <path> or from a pipe (… | vidu-extend verify-callback)",
    );
  }
  let text: string;
  try {
    text = fromStdin ? await readAll(ctx.stdin) : await readFile(values.file as string, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read the captured request ${values.file ?? "from stdin"}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const request = parseCaptured(text, values.url);
  const maxSkew = values["max-skew"] === undefined ? undefined : Number(values["max-skew"]);
  if (maxSkew !== undefined && !(maxSkew >= 0))
    throw new UsageError(`--max-skew takes seconds, got ${JSON.stringify(values["max-skew"])}`);
  const event = await verifyCallback(request, {
    secret,
    nonceStore: memoryNonceStore(),
    ...(maxSkew === undefined ? {} : { maxSkewMs: maxSkew * 1000 }),
  });
  if (values.json === true)
    printJson(ctx, {
      valid: true,
      taskId: event.task.id,
      status: event.task.status,
      nonce: event.nonce,
      signedAt: event.signedAt.toISOString(),
    });
  else
    ctx.out.write(
      `valid: signed ${event.signedAt.toUTCString()}, nonce ${event.nonce}; task ${event.task.id} is ${event.task.status} (the body itself is not signed: confirm it with vidu-extend status ${event.task.id})\n`,
    );
}

const USAGE =
  "vidu-extend verify-callback [--file <captured request> | stdin] [--secret-stdin | --secret <key>] [--url <callback url>] [--max-skew <s>] [--json]";

export const verifyCallbackSubcommand: Command = {
  usage: USAGE,
  help: () => `Usage: ${USAGE}

Says whether a captured callback delivery can be trusted: its ${CALLBACK_HEADERS.signature} (HMAC over
the method, the path and query, and the signed headers), its ${CALLBACK_HEADERS.date} within the window,
and its ${CALLBACK_HEADERS.nonce}. The body is not signed: confirm it with vidu-extend status <id>.

  --file <path>                  the captured request (default, or -: stdin)
  --secret-stdin                 read the API key that created the task from the first line of
                                 stdin (the capture then comes from --file)
  --secret <key>                 the same on the command line, where other users of the machine
                                 can see it (ps); default: VTRIX_API_KEY
  --url <url>                    the URL the gateway called (the callback_url), when the capture
                                 holds another one (e.g. a proxy's) or none
  --max-skew <seconds>           how far the Date may be from now (default ${DEFAULT_MAX_SKEW_MS / 1000})
  --json                         one JSON document on stdout

The capture is either the raw HTTP request as received (request line, headers, a blank line,
the body):

  POST /vidu/callback HTTP/1.1
  ${CALLBACK_HEADERS.date}: Mon, 30 Nov 2026 18:00:00 GMT
  ${CALLBACK_HEADERS.nonce}: 6f1c…
  ${CALLBACK_HEADERS.signature}: …
  (the other headers as received)

  {"id": "…", "status": "completed", …}

or JSON: {"method": "POST", "url": "/vidu/callback", "headers": {"<name>": "<value>", …},
"body": "<the body as received>"} (method defaults to POST; url to --url; a body given as an
object is compared as JSON.stringify writes it).
`,
  run: verifyCallbackCommand,
};
