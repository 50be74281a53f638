// An HTTP error body in any shape seen in the wild: `{"error": {"code", "message"}}`,
// `{"message", "code"}`, `{"error": "…"}`, plain text, or nothing. Never fails.

export interface ErrorBody {
  readonly code: string | undefined;
  readonly message: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== ""
    ? value.trim()
    : typeof value === "number"
      ? String(value)
      : undefined;

export function readErrorBody(body: unknown): ErrorBody {
  if (typeof body === "string") {
    const trimmed = body.trim();
    return { code: undefined, message: trimmed === "" ? undefined : trimmed.slice(0, 500) };
  }
  if (typeof body !== "object" || body === null) return { code: undefined, message: undefined };
  const record = body as Record<string, unknown>;
  const nested = record["error"];
  if (typeof nested === "object" && nested !== null) {
    const inner = nested as Record<string, unknown>;
    return {
      code: text(inner["code"]) ?? text(record["code"]),
      message: text(inner["message"]) ?? text(record["message"]),
    };
  }
  return { code: text(record["code"]), message: text(nested) ?? text(record["message"]) };
}
